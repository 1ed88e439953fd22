"""Report: diagnostics as text, JSON, SARIF and CI formats, the HTML report, rule docs."""
