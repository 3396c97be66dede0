"""Cursor pagination on every list: stable under inserts (a new session does not shift the next page), newest first
by default; a view names its own ordering (`ordering`) when it has a better one."""

from rest_framework.pagination import CursorPagination


class NewestFirstCursorPagination(CursorPagination):
    ordering = ("-pk",)
    page_size_query_param = "page_size"
    max_page_size = 200
