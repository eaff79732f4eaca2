// The public surface of @app/hearings. Other libs import only from here.
