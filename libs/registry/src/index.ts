// The public surface of @app/registry. Other libs import only from here.
