"""Signing in on an AppTest of app.py, as a browser does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()
