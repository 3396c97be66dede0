class DomainError(Exception):
    """A rule of the domain refused the request; the message is plain words for the person who asked.

    Services raise it; pages show the message, and the API turns it into its one error shape.
    """

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code
