"""Document building and rendering: Markdown, text and official-format .docx."""
