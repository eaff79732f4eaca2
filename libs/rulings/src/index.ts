// The public surface of @app/rulings. Other libs import only from here.
