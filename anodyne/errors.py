from django.core.exceptions import PermissionDenied
from django.http import Http404


class DomainError(Exception):
    """A rule of the domain refused the request; the message is plain words for the person who asked.

    Services raise it; pages show the message, and the API turns it into its one error shape.
    """

    def __init__(self, message: str, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def raise_http(refused: DomainError) -> None:
    """A service's refusal that is not the page's to explain: "not found" is a 404, "forbidden" a 403. Any other
    refusal returns, for the page to show by its form."""
    if refused.code == "not_found":
        raise Http404(refused.message) from refused
    if refused.code == "forbidden":
        raise PermissionDenied(refused.message) from refused
