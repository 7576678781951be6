"""The service centre, its sector windows and the departments that approve cases."""
