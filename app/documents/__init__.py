"""Every PDF the centre issues: the window notices (受理 / 补正 / 不予受理), the decision documents (准予 / 不予行政许可
决定书) and the e-licence file (照面) signed with the issuing department's electronic seal. Fonts are embedded
(app.documents.fonts); printed URLs and QR codes use the configured public base URL (app.documents.urls)."""
