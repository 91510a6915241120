import Foundation

/// The frame of every HTML report: one self-contained file with inline CSS and no remote resource.
///
/// A Content-Security-Policy forbids every fetch as a second line of defence: even if scenario text
/// slipped through unescaped, a browser would load and run nothing.
enum HTMLPage {
    /// Fonts that exist on the machines grid workers use, CJK first; nothing is downloaded.
    static let fontStack = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", "
        + "\"Hiragino Sans GB\", \"WenQuanYi Micro Hei\", system-ui, sans-serif"

    /// Styles shared by all reports (screen and print).
    static let baseCSS = """
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{font-family:\(fontStack);color:#111;background:#fff;margin:16px;font-size:14px;line-height:1.45}
        h1{font-size:1.35em;margin:0 0 2px}
        h2{font-size:1.1em;margin:14px 0 6px}
        .sub{color:#444;margin:0 0 8px}
        table{border-collapse:collapse;width:100%}
        th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}
        th{background:#e8e8e8;font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .muted{color:#555}
        .tag{display:inline-block;border:1px solid #777;border-radius:3px;padding:0 4px;font-size:.85em;margin-right:3px;white-space:nowrap}
        .kpis{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0 10px;padding:0}
        .kpis div{border:1px solid #999;border-radius:4px;padding:3px 8px;flex:1 1 0;min-width:7em}
        .kpis dt{font-size:.8em;color:#444}
        .kpis dd{margin:0;font-size:1.15em;font-weight:600;font-variant-numeric:tabular-nums}
        footer{margin-top:10px;font-size:.8em;color:#555}
        @media print{
          body{margin:0;font-size:9.5pt}
          a{color:inherit;text-decoration:none}
          th{background:#e8e8e8 !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
          tr,li{break-inside:avoid}
        }
        """

    /// A complete document.
    /// - Parameters:
    ///   - lang: BCP 47 language tag.
    ///   - title: plain text (escaped here).
    ///   - css: extra styles for this report (trusted, never scenario text).
    ///   - body: body markup, already escaped.
    static func document(lang: String, title: String, css: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(lang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="gridplan">
        <title>\(Escape.html(title))</title>
        <style>
        \(baseCSS)
        \(css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// A `<dl>` of key figures.
    static func figures(_ items: [(String, String)]) -> String {
        var s = "<dl class=\"kpis\">"
        for (k, v) in items { s += "<div><dt>\(Escape.html(k))</dt><dd>\(Escape.html(v))</dd></div>" }
        return s + "</dl>"
    }
}
