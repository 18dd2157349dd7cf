"""The example notebook runs headless on a real Jupyter kernel."""

import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def test_okr_review_notebook_runs():
    path = ROOT / "examples" / "okr-review.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError if any cell fails
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<mark class=\"okrl-" in h for h in html), "the highlighted report"
    assert any("okrl-outline" in h for h in html), "the document outline"
    assert any("<table" in h and "severity" in h for h in html), "the per-team table"
    assert any("image/png" in o.get("data", {}) for o in outputs), "the bar chart"
