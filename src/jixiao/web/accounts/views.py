"""The pages of a signed-in person."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: who they are and what they may do."""
    memberships = request.user.memberships.select_related("unit__authority", "bureau")
    return render(request, "accounts/home.html", {"memberships": memberships})
