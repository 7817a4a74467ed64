"""The PP-OCRv4 graphs with their element-wise chains folded, rewritten in memory when a session is built.

Paddle's ONNX export spells each activation out as ops over the whole tensor: a conv's learnable affine
(``Mul`` by a scalar, ``Add`` a scalar), hard-swish as ``x * Clip(x + 3, 0, 6) / 6``, then another
affine. On one thread these memory-bound ops took ~45% of the recogniser's CPU. The rewrite keeps the
arithmetic (to float rounding):

- Conv → Mul(s) → Add(b) becomes one Conv with weights ``s·W`` and bias ``s·B + b``;
- ``x * Clip(x + 3, 0, 6) / 6`` becomes ``x * HardSigmoid(x)`` (alpha 1/6, beta 0.5);
- Mul(s) → Add(b) → Conv becomes one Conv when that conv pads nothing (with padding the zeros it adds
  would be shifted by ``b``): weights ``s·W``, bias ``B + b·ΣW``.

Nothing is written to disk: the source file stays as the wheel installed it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Node = Any  # onnx.NodeProto


def simplify(model: Any) -> Any:
    """``model`` (an ``onnx.ModelProto``, changed in place and returned) with the chains above folded."""
    from onnx import TensorProto, numpy_helper

    graph = model.graph
    nodes: list[Node] = []
    for node in graph.node:  # Constant nodes become initialisers: one place to look weights up
        if node.op_type == "Constant" and [a.name for a in node.attribute] == ["value"]:
            tensor = TensorProto()
            tensor.CopyFrom(node.attribute[0].t)
            tensor.name = node.output[0]
            graph.initializer.append(tensor)
        else:
            nodes.append(node)
    weights = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    folded = _Graph(nodes, weights, {o.name for o in graph.output})
    folded.fold_conv_affine()
    folded.hard_swish()
    folded.fold_affine_conv()
    used = {name for node in folded.nodes for name in node.input} | {o.name for o in graph.output}
    initialisers = [numpy_helper.from_array(a, name) for name, a in folded.weights.items() if name in used]
    del graph.initializer[:]
    graph.initializer.extend(initialisers)
    del graph.node[:]
    graph.node.extend(folded.nodes)
    return model


class _Graph:
    """The node list being rewritten, the constant tensors by name and the graph's output names."""

    def __init__(self, nodes: list[Node], weights: dict[str, np.ndarray], outputs: set[str]) -> None:
        self.nodes, self.weights, self.outputs = nodes, weights, outputs

    def scalar(self, name: str) -> float | None:
        value = self.weights.get(name)
        return float(value.ravel()[0]) if value is not None and value.size == 1 else None

    def scalar_operand(self, node: Node) -> tuple[float | None, str]:
        """(the constant, the other input) of a binary op with one scalar constant input."""
        for k in (0, 1):
            value = self.scalar(node.input[k])
            if value is not None:
                return value, node.input[1 - k]
        return None, ""

    def sole_consumer(self, name: str) -> Node | None:
        """The one node reading ``name`` (None if it is read more than once or is a graph output)."""
        if name in self.outputs:
            return None
        readers = [n for n in self.nodes if name in n.input]
        return readers[0] if len(readers) == 1 else None

    def conv_params(self, conv: Node) -> tuple[np.ndarray, np.ndarray]:
        w = self.weights[conv.input[1]].astype(np.float32)
        bias = self.weights[conv.input[2]] if len(conv.input) > 2 else np.zeros(w.shape[0], np.float32)
        return w, bias.astype(np.float32)

    def set_conv(self, conv: Node, source: str, w: np.ndarray, bias: np.ndarray, tag: str) -> None:
        wname, bname = f"{conv.input[1]}_{tag}", f"{conv.output[0]}_{tag}_bias"
        self.weights[wname], self.weights[bname] = w.astype(np.float32), bias.astype(np.float32)
        conv.input[:] = [source, wname, bname]

    def drop(self, dead: list[Node]) -> None:
        ids = {id(n) for n in dead}
        self.nodes = [n for n in self.nodes if id(n) not in ids]

    def fold_conv_affine(self) -> None:
        dead: list[Node] = []
        for conv in [n for n in self.nodes if n.op_type == "Conv"]:
            mul = self.sole_consumer(conv.output[0])
            if mul is None or mul.op_type != "Mul":
                continue
            s, other = self.scalar_operand(mul)
            if s is None or other != conv.output[0]:
                continue
            last, b = mul, 0.0
            add = self.sole_consumer(mul.output[0])
            if add is not None and add.op_type == "Add":
                value, other = self.scalar_operand(add)
                if value is not None and other == mul.output[0]:
                    last, b = add, value
                    dead.append(add)
            w, bias = self.conv_params(conv)
            self.set_conv(conv, conv.input[0], w * s, bias * s + b, "affine")
            conv.output[0] = last.output[0]
            dead.append(mul)
        self.drop(dead)

    def hard_swish(self) -> None:
        from onnx import helper

        dead: list[Node] = []
        replaced: dict[int, list[Node]] = {}
        for add in [n for n in self.nodes if n.op_type == "Add"]:
            three, x = self.scalar_operand(add)
            clip = self.sole_consumer(add.output[0])
            if three != 3.0 or clip is None or clip.op_type != "Clip" or len(clip.input) != 3:
                continue
            if (self.scalar(clip.input[1]), self.scalar(clip.input[2])) != (0.0, 6.0):
                continue
            mul = self.sole_consumer(clip.output[0])
            if mul is None or mul.op_type != "Mul" or set(mul.input) != {x, clip.output[0]}:
                continue
            div = self.sole_consumer(mul.output[0])
            if div is None or div.op_type != "Div" or div.input[0] != mul.output[0]:
                continue
            if self.scalar(div.input[1]) != 6.0:
                continue
            gate = div.output[0] + "_gate"
            replaced[id(add)] = [
                helper.make_node("HardSigmoid", [x], [gate], name=gate, alpha=1.0 / 6, beta=0.5),
                helper.make_node("Mul", [x, gate], [div.output[0]], name=div.output[0] + "_hardswish"),
            ]
            dead += [clip, mul, div]
        self.nodes = [new for n in self.nodes for new in replaced.get(id(n), [n])]
        self.drop(dead)

    def fold_affine_conv(self) -> None:
        producer = {o: n for n in self.nodes for o in n.output}
        dead: list[Node] = []
        for conv in [n for n in self.nodes if n.op_type == "Conv"]:
            pads = _attribute(conv, "pads", [0])
            if any(pads) or _attribute(conv, "auto_pad", b"NOTSET") not in (b"NOTSET", b"VALID"):
                continue
            first = producer.get(conv.input[0])
            if first is None or self.sole_consumer(first.output[0]) is not conv:
                continue
            b, mul = 0.0, first
            if first.op_type == "Add":
                value, source = self.scalar_operand(first)
                mul = producer.get(source)
                if value is None or mul is None or self.sole_consumer(mul.output[0]) is not first:
                    continue
                b = value
            if mul.op_type != "Mul":
                continue
            s, x = self.scalar_operand(mul)
            if s is None:
                continue
            w, bias = self.conv_params(conv)
            self.set_conv(conv, x, w * s, bias + b * w.sum(axis=(1, 2, 3)), "scaled")
            dead += [mul] if mul is first else [mul, first]
        self.drop(dead)


def _attribute(node: Node, name: str, default: Any) -> Any:
    from onnx import helper

    for attribute in node.attribute:
        if attribute.name == name:
            return helper.get_attribute_value(attribute)
    return default
