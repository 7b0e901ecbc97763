"""The editing session: operations on a plan, the task history and the user's settings."""
