"""Generate the genre corpus: tests/fixtures/genre/{train,validation,classes,holdout,final,holdout3,final3,holdout4,final4}/<stem>.{pdf,docx,html,xlsx,json}.

    python tools/genre/make.py [--split SPLIT] [stem ...]
    (needs soffice, pdftotext/pdfinfo, python-docx, openpyxl)

The ``classes`` split holds one small report per failure class seen in real documents (classes.py).
The ``holdout`` split (holdout.py) adds PDFs printed by headless Chromium and drawn by reportlab
(needs chromium and reportlab as well).  The ``holdout3``/``final3`` splits (round3.py) are a second
blind batch; they add Calc print titles and a Chromium page break forced inside a table.  The
``holdout4``/``final4`` splits (round4.py) are a third blind batch, split before generation.

Pages in the truth are read off the generated PDFs; a page that cannot be located is reported and the
run exits non-zero.  Look at the PDFs after regenerating with another LibreOffice or font.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import classes
import forms
import holdout
import narrative
import round3
import round4
from lib import check_sums, fill_pages, finish_truth, page_texts, soffice, write_docx, write_html, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "genre"

REPORTS = [
    # train
    (forms, "chongqing_slj_2023", "train"),
    (forms, "anhui_tangxi_2020", "train"),
    (forms, "sichuan_hongya_2021", "train"),
    (narrative, "maoming_fgj_2021", "train"),
    (narrative, "huarong_slj_2022", "train"),
    (narrative, "central_ghy_2019", "train"),
    (narrative, "beilun_jxj_2022", "train"),
    (narrative, "hengshan_guantang_2021", "train"),
    (narrative, "yichun_yz_zjj_2024", "train"),
    # validation
    (forms, "fujian_xiapu_wtlj_2018", "validation"),
    (narrative, "dali_lcj_2024", "validation"),
    (narrative, "shandong_jrj_2020", "validation"),
    (narrative, "nanxian_zx_2018", "validation"),
    (narrative, "guilin_lg_jyj_2023", "validation"),
    # classes: one failure class of real documents each
    *((classes, name, "classes") for name in classes.REPORTS),
    # holdout: templates, provinces and PDF producers absent from the other splits
    *((holdout, name, "holdout") for name in holdout.HOLDOUT),
    # final: the same batch's other half, scored only at the end of a round of parser changes
    *((holdout, name, "final") for name in holdout.FINAL),
    # round 3: a second blind batch (round3.py), split before it was generated
    *((round3, name, "holdout3") for name in round3.HOLDOUT3),
    *((round3, name, "final3") for name in round3.FINAL3),
    # round 4: a third blind batch (round4.py), split before it was generated
    *((round4, name, "holdout4") for name in round4.HOLDOUT4),
    *((round4, name, "final4") for name in round4.FINAL4),
]
SPLITS = ("train", "validation", "classes", "holdout", "final", "holdout3", "final3", "holdout4", "final4")


def main(argv):
    t0 = time.time()
    only_split = None
    if argv[:1] == ["--split"]:
        only_split, argv = argv[1], argv[2:]
    reps = [
        getattr(mod, name)(split)
        for mod, name, split in REPORTS
        if hasattr(mod, name) and only_split in (None, split)
    ]
    if argv:
        reps = [r for r in reps if r.stem in argv]
    tmp = Path(tempfile.mkdtemp(prefix="genre_"))
    failed = False
    for split in SPLITS:
        group = [r for r in reps if r.split == split]
        if not group:
            continue
        out = OUT / split
        out.mkdir(parents=True, exist_ok=True)
        raw_xlsx, docs = [], []
        for r in group:
            for ext in ("pdf", "docx", "html", "xlsx", "json"):
                (out / f"{r.stem}.{ext}").unlink(missing_ok=True)
            if r.pdf_from == "docx":
                write_docx(r, tmp / f"{r.stem}.docx")
                docs.append(tmp / f"{r.stem}.docx")
            write_html(r, out / f"{r.stem}.html")
            if "xlsx" in r.formats:
                (tmp / "raw").mkdir(exist_ok=True)
                write_xlsx(r, tmp / "raw" / f"{r.stem}.xlsx")
                raw_xlsx.append(tmp / "raw" / f"{r.stem}.xlsx")
        if raw_xlsx:  # LibreOffice re-saves the workbook so that formula cells carry cached values
            soffice(raw_xlsx, "xlsx", out)
        if docs:
            soffice(docs, "pdf", out)
            for d in docs:
                shutil.copy(d, out / d.name)
        xl_pdf = [out / f"{r.stem}.xlsx" for r in group if r.pdf_from == "xlsx"]
        if xl_pdf:
            soffice(xl_pdf, "pdf", out)
        for r in group:  # browser-printed and directly drawn PDFs
            if r.pdf_from in holdout.PRODUCERS:
                holdout.PRODUCERS[r.pdf_from](r, out)
            elif r.pdf_from in round3.PRODUCERS:
                round3.PRODUCERS[r.pdf_from](r, out)
            elif r.pdf_from in round4.PRODUCERS:
                round4.PRODUCERS[r.pdf_from](r, out)
        for r in group:
            pdf = out / f"{r.stem}.pdf"
            pages = page_texts(pdf)
            errs = fill_pages(r, pages)
            if errs:
                failed = True
                print(f"!! {r.stem}: " + "; ".join(errs))
            truth = finish_truth(r)
            (out / f"{r.stem}.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            size = pdf.stat().st_size // 1024
            print(f"{split:10} {check_sums(r)} pages={len(pages)} pdf={size}KB")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"done in {time.time() - t0:.0f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
