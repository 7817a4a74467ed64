"""The PP-OCRv4 graphs with their element-wise chains folded read as shipped; without onnx, as shipped."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
rapidocr = pytest.importorskip("rapidocr_onnxruntime")
pdfium = pytest.importorskip("pypdfium2")

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from jixiao.extract import ocrengine  # noqa: E402
from jixiao.extract.ocrgraph import simplify  # noqa: E402

MODELS = Path(rapidocr.__file__).parent / "models"
REC = MODELS / "ch_PP-OCRv4_rec_infer.onnx"
DET = MODELS / "ch_PP-OCRv4_det_infer.onnx"
SCAN = Path(__file__).resolve().parent / "fixtures" / "scans" / "ganzhou-lyj-cbl-2023-scan110.pdf"


def _session(model: bytes | str) -> object:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 4
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    """The grey image of a scanned fixture page."""
    doc = pdfium.PdfDocument(SCAN)
    try:
        return np.asarray(doc[0].render(scale=110 / 72, grayscale=True).to_pil())
    finally:
        doc.close()


def _ops(model: object) -> list[str]:
    return [n.op_type for n in model.graph.node]


def test_folded_models_give_the_shipped_models_outputs_on_a_scan(page: np.ndarray) -> None:
    det_in = ocrengine._det_input(page, 640)
    shipped_det, folded_det = _session(str(DET)), _session(simplify(onnx.load(DET)).SerializeToString())
    expected = shipped_det.run(None, {"x": det_in})[0]
    got = folded_det.run(None, {"x": det_in})[0]
    assert np.abs(got - expected).max() < 1e-3

    shipped_rec = _session(str(REC))
    folded_rec = _session(simplify(onnx.load(REC)).SerializeToString())
    crops = 0
    for x0, top, x1, bottom in ocrengine.detect(page)[:12]:
        crop = page[int(top) : int(bottom) + 1, int(x0) : int(x1) + 1]
        width = max(72, round(48 * crop.shape[1] / crop.shape[0]))
        tensor = np.broadcast_to(ocrengine._resize(crop, width) / 127.5 - 1, (1, 3, 48, width))
        tensor = np.ascontiguousarray(tensor, np.float32)
        expected = shipped_rec.run(None, {"x": tensor})[0]
        got = folded_rec.run(None, {"x": tensor})[0]
        assert (got.argmax(-1) == expected.argmax(-1)).all()
        assert np.abs(got - expected).max() < 1e-3
        crops += 1
    assert crops == 12


def test_the_chains_are_gone_from_the_recogniser() -> None:
    shipped, folded = _ops(onnx.load(REC)), _ops(simplify(onnx.load(REC)))
    assert shipped.count("Clip") == 28 and shipped.count("Div") == 33
    # The 28 hard-swish Clips and Divs are HardSigmoids; two thirds of the scalar Mul/Add are folded.
    assert folded.count("Clip") == 0 and folded.count("Div") == 5
    assert folded.count("HardSigmoid") == shipped.count("HardSigmoid") + 28
    assert folded.count("Mul") + folded.count("Add") < 0.6 * (shipped.count("Mul") + shipped.count("Add"))


def _affine_conv(pads: list[int]) -> object:
    """x → Mul(1.5) → Add(0.25) → Conv 3×3 (``pads``) → Mul(2) → Add(-1): the two folds' patterns."""
    rng = np.random.default_rng(7)
    consts = {
        "s": np.array([1.5], np.float32),
        "b": np.array([0.25], np.float32),
        "w": rng.normal(size=(4, 2, 3, 3)).astype(np.float32),
        "bias": rng.normal(size=4).astype(np.float32),
        "s2": np.array([2.0], np.float32),
        "b2": np.array([-1.0], np.float32),
    }
    nodes = [
        helper.make_node("Constant", [], [k], value=numpy_helper.from_array(v, k)) for k, v in consts.items()
    ]
    nodes += [
        helper.make_node("Mul", ["s", "x"], ["m"]),
        helper.make_node("Add", ["m", "b"], ["a"]),
        helper.make_node("Conv", ["a", "w", "bias"], ["c"], pads=pads),
        helper.make_node("Mul", ["c", "s2"], ["m2"]),
        helper.make_node("Add", ["m2", "b2"], ["y"]),
    ]
    graph = helper.make_graph(
        nodes,
        "affine_conv",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2, 6, 6])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])


@pytest.mark.parametrize("pads", [[0, 0, 0, 0], [1, 1, 1, 1]])
def test_an_affine_is_folded_into_a_conv_only_where_the_conv_pads_nothing(pads: list[int]) -> None:
    x = {"x": np.random.default_rng(1).normal(size=(1, 2, 6, 6)).astype(np.float32)}
    model = _affine_conv(pads)
    expected = _session(model.SerializeToString()).run(None, x)[0]
    folded = simplify(model)
    got = _session(folded.SerializeToString()).run(None, x)[0]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    # The affine after the conv always goes into it; the one before only without padding (the zeros
    # it pads with would be shifted by the Add).
    assert _ops(folded) == (["Conv"] if not any(pads) else ["Mul", "Add", "Conv"])


def test_without_onnx_the_shipped_model_runs_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "onnx", None)  # as if the package were not installed
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    with caplog.at_level(logging.WARNING, logger="jixiao.extract.ocrengine"):
        session = ocrengine._session(ort, REC, options)
    assert "ch_PP-OCRv4_rec_infer.onnx run unsimplified" in caplog.text
    assert "ModuleNotFoundError" in caplog.text or "ImportError" in caplog.text
    shipped = _session(str(REC))
    tensor = np.zeros((1, 3, 48, 96), np.float32)
    np.testing.assert_array_equal(session.run(None, {"x": tensor})[0], shipped.run(None, {"x": tensor})[0])


def test_the_product_builds_its_sessions_from_the_folded_graphs(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folded: list[str] = []
    own = ocrengine._simplified

    def spy(path: Path) -> bytes:
        folded.append(path.name)
        return own(path)

    monkeypatch.setattr(ocrengine, "_simplified", spy)
    ocrengine._models.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="jixiao.extract.ocrengine"):
            models = ocrengine._models()
    finally:
        ocrengine._models.cache_clear()
    assert sorted(folded) == [DET.name, REC.name]
    assert "unsimplified" not in caplog.text
    # The alphabet is the folded model's metadata, kept by the rewrite.
    assert len(models.alphabet) > 6000 and "≥" in models.alphabet
