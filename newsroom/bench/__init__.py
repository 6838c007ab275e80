"""`manage.py bench`: reader pages under load (wrk against gunicorn in production mode)."""
