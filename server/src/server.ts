// Placeholder replaced by the language server (issue 3).
