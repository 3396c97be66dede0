from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from anodyne import health

# The Django admin signs in through allauth, so its rate limits and two-factor authentication apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Anodyne platform administration"

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("treatment.urls")),
    path("", include("monitoring.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("api.urls")),
    # allauth's headless API: how a mobile app signs in (with the second factor for staff) and gets its app token.
    path("_allauth/", include("allauth.headless.urls")),
    path("admin/", admin.site.urls),
    path("health/", health.health, name="health"),
]
