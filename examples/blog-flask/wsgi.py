from journal import create_app

app = create_app()
