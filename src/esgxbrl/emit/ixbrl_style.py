"""The embedded stylesheet of the Inline XBRL report: screen and print, no external resources.

Browsers open the report as HTML, where the text of a style element is not unescaped: the
stylesheet must not contain the characters lxml escapes in text (ampersand, less-than,
greater-than), so child combinators are avoided on purpose.
"""

from __future__ import annotations

#: font stacks by script; the first installed family that has the glyph wins
_HANT = ('"Noto Sans CJK TC", "Noto Sans TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", '
         '"Noto Sans CJK HK", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei"')
_HANS = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
         '"Noto Sans CJK TC", "PingFang TC", "Microsoft JhengHei"')
_LATIN = '"Helvetica Neue", "Segoe UI", Roboto, Arial, "Liberation Sans"'

#: official colours of the 17 Sustainable Development Goals
SDG_COLOURS = ("#E5243B", "#DDA63A", "#4C9F38", "#C5192D", "#FF3A21", "#26BDE2", "#FCC30B", "#A21942",
               "#FD6925", "#DD1367", "#FD9D24", "#BF8B2E", "#3F7E44", "#0A97D9", "#56C02B", "#00689D",
               "#19486A")

_SDG_RULES = "\n".join(f".sdg-{goal} {{ background: {colour}; }}"
                       for goal, colour in enumerate(SDG_COLOURS, start=1))

STYLESHEET = f"""
@page {{ size: A4; margin: 16mm 15mm 18mm; }}
html {{ background: #e9eef0; }}
body {{
  margin: 0; color: #1d2a33; font-size: 15px; line-height: 1.75;
  font-family: {_LATIN}, {_HANT}, sans-serif;
  -webkit-text-size-adjust: 100%; text-rendering: optimizeLegibility;
}}
.lang-hant {{ font-family: {_HANT}, {_LATIN}, sans-serif; }}
.lang-hans {{ font-family: {_HANS}, {_LATIN}, sans-serif; }}
.lang-latin {{ font-family: {_LATIN}, {_HANT}, sans-serif; }}
.page {{ max-width: 1060px; margin: 0 auto; background: #ffffff; box-shadow: 0 0 24px rgba(20, 40, 50, 0.12); }}
a {{ color: #0b6e69; text-decoration: none; }}
a:hover {{ text-decoration: underline; }}

.cover {{
  padding: 88px 80px 64px; color: #ffffff;
  background: linear-gradient(135deg, #083d4a 0%, #0b6e69 55%, #3c9c76 100%);
}}
.cover .kicker {{ font-size: 13px; letter-spacing: 0.18em; text-transform: uppercase; opacity: 0.85; }}
.cover h1 {{ margin: 20px 0 4px; font-size: 44px; line-height: 1.25; font-weight: 700; }}
.cover .entity-alt {{ font-size: 19px; opacity: 0.9; }}
.cover .report-title {{ margin: 44px 0 0; font-size: 30px; line-height: 1.35; font-weight: 500; }}
.cover .report-title-alt {{ font-size: 18px; opacity: 0.9; }}
.cover .rule {{ width: 96px; height: 4px; margin: 40px 0 28px; background: #9fe0c4; }}
.cover-facts {{ display: table; border-collapse: collapse; font-size: 15px; }}
.cover-fact {{ display: table-row; }}
.cover-fact .k, .cover-fact .v {{ display: table-cell; padding: 5px 0; vertical-align: top; }}
.cover .code-tag {{ margin-left: 4px; padding: 0 6px; border-radius: 3px; font-size: 12px;
  background: rgba(255, 255, 255, 0.16); }}
.cover-fact .k {{ padding-right: 28px; white-space: nowrap; opacity: 0.78; }}

.contents {{ padding: 48px 80px 56px; border-bottom: 1px solid #dbe3e7; }}
.contents h2 {{ margin: 0 0 18px; font-size: 24px; color: #083d4a; }}
.toc {{ margin: 0; padding: 0; list-style: none; column-count: 2; column-gap: 56px; }}
.toc li {{ padding: 3px 0; }}
.toc .toc-part {{ margin: 0 0 10px; font-weight: 700; break-inside: avoid; page-break-inside: avoid; }}
.toc .toc-items {{ margin: 4px 0 0; padding: 0; list-style: none; font-weight: 400; }}
.toc .toc-item {{ padding-left: 18px; }}
.toc .toc-code {{ display: inline-block; min-width: 38px; color: #5b6b75; font-variant-numeric: tabular-nums; }}

.part, .aspect, .appendix {{ padding: 40px 80px 24px; }}
.part-head {{ margin: 0; padding: 56px 80px 32px; color: #ffffff; background: #0b5a5f; }}
.part-head h2 {{ margin: 0; font-size: 32px; line-height: 1.3; }}
.part-head .sub {{ display: block; font-size: 16px; font-weight: 400; opacity: 0.85; }}
.aspect-head {{ margin: 0 0 8px; padding-bottom: 12px; border-bottom: 3px solid #0b6e69; }}
.aspect-head h2 {{ margin: 0; font-size: 27px; line-height: 1.35; color: #083d4a; }}
.aspect-head .code {{ display: inline-block; margin-right: 14px; padding: 0 10px; border-radius: 4px;
  color: #ffffff; background: #0b6e69; font-size: 21px; vertical-align: 3px; }}
.aspect-head .sub {{ display: block; margin-top: 2px; font-size: 15px; font-weight: 400; color: #5b6b75; }}
.appendix h2, .part h2 {{ margin: 0 0 14px; font-size: 27px; line-height: 1.35; color: #083d4a; }}
.appendix h2 .sub, .part h2 .sub {{ display: block; font-size: 15px; font-weight: 400; color: #5b6b75; }}
.empty {{ color: #5b6b75; }}

.provision {{ margin: 30px 0 10px; }}
.provision h3 {{ margin: 0; font-size: 20px; line-height: 1.45; color: #12303b; }}
.provision .pid {{ display: inline-block; margin-right: 10px; color: #0b6e69; font-variant-numeric: tabular-nums; }}
.provision .kind {{ display: block; font-size: 12px; letter-spacing: 0.12em; text-transform: uppercase;
  color: #5b6b75; }}
.provision .where {{ margin: 2px 0 10px; font-size: 13px; color: #5b6b75; }}
.provision h4 {{ margin: 18px 0 4px; font-size: 16px; color: #0b5a5f; }}
.narrative {{ margin: 8px 0 14px; text-align: justify; }}
.narrative p {{ margin: 0 0 0.8em; }}
.narrative ul {{ margin: 0 0 0.8em; padding-left: 1.4em; }}
.narrative li {{ margin: 0.15em 0; }}
.alt {{ padding-left: 14px; border-left: 3px solid #cfe3df; color: #33444f; }}
.notice {{ margin: 10px 0 16px; padding: 12px 16px; border-radius: 6px; background: #fff6dc;
  border-left: 4px solid #c98a00; }}
.notice .status {{ margin-right: 8px; }}
.notice p {{ margin: 0.3em 0; }}

table {{ border-collapse: collapse; }}
.kpi {{ width: 100%; margin: 12px 0 6px; font-size: 14.5px; font-variant-numeric: tabular-nums; }}
.kpi th {{ padding: 8px 12px; text-align: left; font-weight: 600; color: #ffffff; background: #0b6e69; }}
.kpi th.num {{ text-align: right; }}
.kpi td {{ padding: 7px 12px; border-bottom: 1px solid #dbe3e7; vertical-align: top; }}
.kpi tbody tr:nth-child(even) td {{ background: #f6f9f9; }}
.kpi td.num {{ text-align: right; white-space: nowrap; font-weight: 600; color: #0d2630; }}
.kpi td.unit {{ color: #5b6b75; white-space: nowrap; }}
.kpi th.label {{ width: 46%; }}
.kpi th.unit {{ width: 20%; }}
.kpi td.missing {{ color: #9aa7ae; font-weight: 400; }}
.kpi tr.group td {{ padding-top: 10px; font-weight: 600; color: #0b5a5f; background: #ecf5f3; }}
.kpi tr.concept td {{ font-weight: 600; }}
.kpi tr.member td.label {{ padding-left: 32px; }}
.kpi .printed {{ font-weight: 400; color: #5b6b75; }}
.note-ref {{ margin-left: 2px; font-size: 11px; font-weight: 400; line-height: 0; }}
.note-ref a {{ color: #0b6e69; }}

.notes {{ margin: 10px 0 18px; padding: 10px 14px; font-size: 13px; line-height: 1.6; color: #3d4d57;
  background: #f6f8f9; border-radius: 6px; }}
.notes-title {{ font-weight: 700; color: #33444f; }}
.note-list {{ margin: 4px 0 0; padding: 0; list-style: none; }}
.note-list li {{ display: table; margin: 3px 0; }}
.note-num {{ display: table-cell; min-width: 26px; padding-right: 6px; color: #0b6e69; font-weight: 700; }}
.note-body {{ display: table-cell; }}
.note-text.alt {{ margin-top: 2px; }}

.data {{ width: 100%; margin: 12px 0 8px; font-size: 14px; }}
.data th {{ padding: 8px 10px; text-align: left; font-weight: 600; color: #ffffff; background: #0b5a5f; }}
.data td {{ padding: 7px 10px; border-bottom: 1px solid #dbe3e7; vertical-align: top; }}
.data tr.area td {{ padding-top: 12px; font-weight: 700; color: #083d4a; background: #e3efed; }}
.data td.code {{ white-space: nowrap; font-weight: 600; color: #0b6e69; }}
.data td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.data td .narrative {{ margin: 0; text-align: left; }}
.data td .narrative p {{ margin: 0 0 0.4em; }}
.data .muted {{ color: #8795a0; }}
.data th.col-rank {{ width: 64px; text-align: right; }}
.data th.col-tier {{ width: 22%; }}
.data th.col-stakeholder {{ width: 18%; }}
.data th.col-provision {{ width: 13%; }}
.data th.col-subject {{ width: 23%; }}
.data th.col-status {{ width: 12%; }}
.data th.col-location {{ width: 22%; }}
.data td.status-cell {{ white-space: nowrap; }}
.caption {{ margin: 22px 0 2px; font-size: 17px; font-weight: 700; color: #0b5a5f; }}
.lead {{ margin: 4px 0 10px; color: #33444f; }}

.status {{ display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12.5px; white-space: nowrap; }}
.status-disclosed {{ color: #0f5b2f; background: #dff3e6; }}
.status-not-applicable {{ color: #7a4d00; background: #fff0c7; }}
.status-not-disclosed {{ color: #8f1d22; background: #fde3e4; }}
.status-absent {{ color: #5b6b75; background: #edf1f3; }}
.tier {{ display: inline-block; padding: 1px 9px; border-radius: 10px; font-size: 12.5px; }}
.tier-high {{ color: #ffffff; background: #0b6e69; }}
.tier-medium {{ color: #0b5a5f; background: #cfe8e2; }}
.tier-low {{ color: #33444f; background: #edf1f3; }}

.sdg {{ display: inline-block; min-width: 34px; margin-right: 10px; padding: 2px 0; border-radius: 4px;
  color: #ffffff; text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; }}
{_SDG_RULES}
.sdg-line {{ margin: -6px 0 10px; font-size: 13px; color: #5b6b75; }}
.sdg-line .sdg {{ min-width: 24px; margin-right: 4px; padding: 0 2px; font-size: 12px; }}
.inferred {{ color: #8a5a00; font-weight: 700; }}
.legend {{ font-size: 13px; color: #5b6b75; }}

.colophon {{ padding: 28px 80px 40px; font-size: 12.5px; line-height: 1.6; color: #5b6b75;
  border-top: 1px solid #dbe3e7; }}
.colophon p {{ margin: 0 0 6px; }}

@media print {{
  html {{ background: none; }}
  body {{ font-size: 10.5pt; }}
  .page {{ max-width: none; box-shadow: none; }}
  .cover {{ min-height: 240mm; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .part-head, .kpi th, .data th, .sdg, .status, .tier, .aspect-head .code {{
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .contents, .part-head, .aspect, .appendix {{ break-before: page; page-break-before: always; }}
  .part-head + .aspect {{ break-before: avoid; page-break-before: avoid; }}
  .part-head {{ padding: 24px 0 16px; }}
  .part, .aspect, .appendix, .contents, .colophon {{ padding-left: 0; padding-right: 0; }}
  .cover {{ padding: 72px 40px; }}
  h2, h3, h4, .caption {{ break-after: avoid; page-break-after: avoid; }}
  tr, .note-list li, .notice {{ break-inside: avoid; page-break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  a {{ color: inherit; }}
}}
"""
