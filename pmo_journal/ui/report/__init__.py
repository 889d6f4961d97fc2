"""The progress report and the mentor-session prep sheet: dialogs that preview, print and save."""
