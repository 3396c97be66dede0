"""Sign-in rate limits are counted in Redis, so every web process shares one count."""

import redis
from django.urls import reverse


def test_failed_sign_ins_are_counted_in_redis(client, patient, redis_url):
    server = redis.Redis.from_url(redis_url)
    before = set(server.scan_iter("*"))
    client.post(reverse("account_login"), {"login": patient.user.email, "password": "wrong-password-1"})
    new_keys = [key.decode() for key in set(server.scan_iter("*")) - before]
    assert any("login_failed" in key for key in new_keys), new_keys
