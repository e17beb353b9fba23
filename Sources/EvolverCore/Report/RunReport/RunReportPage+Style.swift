extension RunReportPage {
    /// The page's only style sheet. The header has a fixed height and the best-vs-time plot a fixed
    /// place (``bestVsTimeBox``), so that a rendering of the page can be checked pixel by pixel.
    static let style = """
        html { background: #ffffff; }
        body { margin: 0; min-width: 1180px; color: #1d1d1f; background: #ffffff;
               font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
        header.top { box-sizing: border-box; height: 72px; padding: 12px 24px 0; overflow: hidden; white-space: nowrap;
                     border-bottom: 1px solid #dddddd; }
        header.top h1 { margin: 0; font-size: 21px; line-height: 30px; }
        header.top p { margin: 0; color: #555555; line-height: 20px; }
        #overview { position: relative; height: 400px; }
        #summary-box { position: absolute; left: 24px; top: 14px; width: 396px; }
        #best-vs-time-box { position: absolute; left: 440px; top: 0; width: 720px; margin: 0; }
        #best-vs-time-box svg { display: block; }
        figure { margin: 0 0 12px; }
        figcaption { color: #555555; font-size: 13px; max-width: 900px; }
        main { display: block; margin: 0 24px 48px; max-width: 1136px; }
        section { margin-top: 28px; }
        h2 { font-size: 18px; margin: 0 0 8px; border-bottom: 1px solid #e4e4e4; }
        h3 { font-size: 14px; margin: 16px 0 4px; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
        table.summary { border-collapse: collapse; width: 100%; }
        table.summary th { text-align: left; font-weight: normal; color: #555555; padding: 3px 12px 3px 0; white-space: nowrap; }
        table.summary td { padding: 3px 0; word-break: break-all; }
        table.data { border-collapse: collapse; margin: 8px 0; }
        table.data th, table.data td { border-bottom: 1px solid #eeeeee; padding: 4px 10px; text-align: left; vertical-align: top; }
        table.data thead th { border-bottom: 2px solid #cccccc; font-size: 13px; }
        table.data tfoot th, table.data tfoot td { border-top: 2px solid #cccccc; }
        table.data td code { white-space: nowrap; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.detail { max-width: 560px; word-break: break-word; font-size: 12.5px; color: #444444; }
        .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; }
        .note { color: #8a5300; font-weight: normal; }
        svg.plot { background: #ffffff; overflow: visible; }
        svg.plot .grid { stroke: #ececec; stroke-width: 1; }
        svg.plot .axis, svg.plot .tickmark { stroke: #888888; stroke-width: 1; }
        svg.plot text { fill: #333333; font-size: 11px; font-family: "DejaVu Sans", Arial, sans-serif; }
        svg.plot text.title { font-size: 12px; fill: #555555; }
        ol.lineage { list-style: none; margin: 8px 0; padding: 0; }
        ol.lineage li.node { position: relative; margin-left: 10px; padding: 4px 0 12px 22px; border-left: 3px solid #c9c9c9; }
        ol.lineage li.node:last-child { border-left-color: transparent; }
        ol.lineage li.node::before { content: ""; position: absolute; left: -9px; top: 7px; width: 11px; height: 11px;
                                     border-radius: 50%; background: #1f5fa8; border: 2px solid #ffffff; }
        ol.lineage li.seed::before { background: #777777; }
        ol.lineage li.crossover::before { background: #ef6c00; }
        ol.lineage .made { color: #555555; font-size: 13px; }
        ul.edits { margin: 2px 0 0; padding-left: 18px; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 8px; background: #e8e8e8; font-size: 12px; }
        .badge.crossover { background: #ffe0c2; color: #7a3500; }
        pre.diff { background: #fafafa; border: 1px solid #e4e4e4; padding: 8px 10px; overflow-x: auto; font-size: 12px; line-height: 1.4;
                   font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        pre.diff .add { color: #11661f; background: #e6f6e6; }
        pre.diff .del { color: #a31515; background: #fbe9e9; }
        pre.diff .hunk { color: #1f5fa8; }
        pre.diff .file { color: #555555; font-weight: bold; }
        #scorer-history tr.this-run td { background: #fff6d6; }
        #scorer-history tr.refused td code, #scorer-history tr.incident td code { color: #a31515; }

        """
}
