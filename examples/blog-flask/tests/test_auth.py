def test_login_page_renders(client):
    response = client.get("/auth/login")
    assert response.status_code == 200
    assert b"Sign in" in response.data


def test_login_with_valid_credentials(client, member):
    response = client.post(
        "/auth/login",
        data={"username": "ada", "password": "correct horse battery"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert b"ada" in response.data


def test_write_requires_login(client):
    response = client.get("/write")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
