#!/usr/bin/env python3
"""Golden values for the trainer, computed once with PyTorch (optional helper).

Writes Tests/TrainerTests/Fixtures/golden/trainer.json:
  networks  small versions of the two bundled Temporal CNN-BiLSTM shapes, built from torch.nn
            (Conv1d, packed bidirectional LSTM, Linear) with fixed weights given in EmoCorpus's flat
            parameter layout: the posteriors of a batch of windows of different true lengths and the
            gradient of the summed cross-entropies (emotion + gender, label -1 skipped), dropout off.
            "masked3": three convolutions (k5 s2 p2, k5 s2 p2, k3 s1 p1), frames past each conv's
            output length set to zero, all BiLSTM steps into the heads (like temporal-cnn-bilstm).
            "plain2": two convolutions (k3 s2 p1, k3 s3 p1) without masking of conv outputs, a ReLU
            dense layer, then the heads (like temporal-cnn-bilstm-219k).
  adam      torch.optim.Adam (float32, PyTorch's defaults) after clip_grad_value_(1) for 8 steps of
            given gradients and learning rates: parameters, first and second moments after each step.

The flat layout (Sources/Trainer/Model/Network.swift): per conv the weight [out, k·in] with the patch
ordered (tap, input channel), then the bias; the BiLSTM's W_ih [8H, D] (forward rows, then reverse),
W_hh forward [4H, H], W_hh reverse [4H, H], bias b_ih [8H] and b_hh [8H] (forward then reverse each);
each dense layer's weight [out, in] and bias; the emotion head; the gender head.

Usage: python3 scripts/dev/golden_trainer.py   (needs torch and numpy)
"""
import json
import os

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "TrainerTests", "Fixtures", "golden", "trainer.json")
torch.set_default_dtype(torch.float64)


def conv_length(length, k, s, p):
    return max(0, (length + 2 * p - k) // s + 1)


class Net(nn.Module):
    def __init__(self, features, frames, convs, mask, hidden, dense, classes, gender):
        super().__init__()
        self.specs, self.mask = convs, mask
        layers, width, steps = [], features, frames
        for channels, k, s, p in convs:
            layers.append(nn.Conv1d(width, channels, k, stride=s, padding=p))
            width, steps = channels, conv_length(steps, k, s, p)
        self.convs = nn.ModuleList(layers)
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        flat = steps * 2 * hidden
        self.dense = nn.ModuleList()
        for units in dense:
            self.dense.append(nn.Linear(flat, units))
            flat = units
        self.out = nn.Linear(flat, classes)
        self.gender = nn.Linear(flat, 2) if gender else None

    def forward(self, x, lengths):
        h = x.transpose(1, 2)
        lengths = torch.tensor(lengths)
        for conv, (_, k, s, p) in zip(self.convs, self.specs):
            h = torch.relu(conv(h))
            lengths = torch.clamp((lengths + 2 * p - k) // s + 1, min=0, max=h.shape[2])
            if self.mask:
                h = h * (torch.arange(h.shape[2]) < lengths[:, None]).unsqueeze(1).to(h.dtype)
        h = h.transpose(1, 2)
        steps = h.shape[1]
        packed = pack_padded_sequence(h, lengths.clamp(min=1), batch_first=True, enforce_sorted=False)
        y, _ = self.lstm(packed)
        y, _ = pad_packed_sequence(y, batch_first=True, total_length=steps)
        y = y.reshape(y.shape[0], -1)
        for layer in self.dense:
            y = torch.relu(layer(y))
        return self.out(y), (self.gender(y) if self.gender is not None else None)

    def flat_parameters(self):
        """Parameter tensors in EmoCorpus's flat order, each as a view of the torch tensor."""
        parts = []
        for conv in self.convs:
            parts.append(("conv", conv.weight))
            parts.append(("plain", conv.bias))
        lstm = self.lstm
        parts += [("cat", [lstm.weight_ih_l0, lstm.weight_ih_l0_reverse]), ("plain", lstm.weight_hh_l0)]
        parts += [("plain", lstm.weight_hh_l0_reverse), ("cat", [lstm.bias_ih_l0, lstm.bias_ih_l0_reverse])]
        parts += [("cat", [lstm.bias_hh_l0, lstm.bias_hh_l0_reverse])]
        for layer in list(self.dense) + [self.out] + ([self.gender] if self.gender is not None else []):
            parts += [("plain", layer.weight), ("plain", layer.bias)]
        return parts

    def set_flat(self, values):
        pos = 0
        with torch.no_grad():
            for kind, t in self.flat_parameters():
                if kind == "conv":  # ours [out, k, in] <- torch [out, in, k]
                    n = t.numel()
                    out_c, in_c, k = t.shape
                    t.copy_(torch.tensor(values[pos : pos + n]).reshape(out_c, k, in_c).permute(0, 2, 1))
                    pos += n
                elif kind == "cat":
                    for part in t:
                        n = part.numel()
                        part.copy_(torch.tensor(values[pos : pos + n]).reshape(part.shape))
                        pos += n
                else:
                    n = t.numel()
                    t.copy_(torch.tensor(values[pos : pos + n]).reshape(t.shape))
                    pos += n
        assert pos == len(values)

    def flat_gradient(self):
        out = []
        for kind, t in self.flat_parameters():
            if kind == "conv":
                out += t.grad.permute(0, 2, 1).reshape(-1).tolist()
            elif kind == "cat":
                for part in t:
                    out += part.grad.reshape(-1).tolist()
            else:
                out += t.grad.reshape(-1).tolist()
        return out


def network_case(name, convs, mask, dense, rng):
    features, frames, hidden, classes = 5, 13, 3, 3
    net = Net(features, frames, convs, mask, hidden, dense, classes, gender=True)
    count = sum(p.numel() for p in net.parameters())
    params = rng.uniform(-0.6, 0.6, count).tolist()
    net.set_flat(params)
    lengths = [13, 10, 5, 2]
    labels = [0, 2, 1, 2]
    genders = [1, 0, -1, 1]
    x = rng.normal(size=(4, frames, features))
    for b, length in enumerate(lengths):
        x[b, length:] = 0
    emotion, gender = net(torch.tensor(x), lengths)
    loss = nn.functional.cross_entropy(emotion, torch.tensor(labels), reduction="sum")
    known = [b for b, g in enumerate(genders) if g >= 0]
    loss = loss + nn.functional.cross_entropy(gender[known], torch.tensor([genders[b] for b in known]), reduction="sum")
    loss.backward()
    return {
        "name": name,
        "features": features,
        "frames": frames,
        "convs": [{"channels": c, "kernel": k, "stride": s, "padding": p} for c, k, s, p in convs],
        "mask_conv_outputs": mask,
        "hidden": hidden,
        "dense": dense,
        "classes": classes,
        "parameters": params,
        "input": x.reshape(-1).tolist(),
        "lengths": lengths,
        "labels": labels,
        "genders": genders,
        "posteriors": torch.softmax(emotion, 1).reshape(-1).tolist(),
        "gender_posteriors": torch.softmax(gender, 1).reshape(-1).tolist(),
        "loss": loss.item(),
        "gradient": net.flat_gradient(),
    }


def adam_case(rng):
    count, steps = 7, 8
    p = torch.nn.Parameter(torch.tensor(rng.uniform(-1, 1, count), dtype=torch.float32))
    optimizer = torch.optim.Adam([p], lr=1e-3)
    initial = p.detach().tolist()
    grads = (rng.normal(size=(steps, count)) * np.array([0.01, 0.3, 2.5, -4.0, 1e-4, 0.7, 1.2])).tolist()
    rates = [1e-3 * 0.9 ** (t // 3) for t in range(steps)]
    after = []
    for t in range(steps):
        p.grad = torch.tensor(grads[t], dtype=torch.float32)
        torch.nn.utils.clip_grad_value_([p], 1.0)
        optimizer.param_groups[0]["lr"] = rates[t]
        optimizer.step()
        state = optimizer.state[p]
        after.append(
            {"params": p.detach().tolist(), "m": state["exp_avg"].tolist(), "v": state["exp_avg_sq"].tolist()}
        )
    return {"initial": initial, "gradients": grads, "rates": rates, "clip": 1.0, "steps": after}


def main():
    rng = np.random.default_rng(15)
    golden = {
        "source": f"PyTorch {torch.__version__}, scripts/dev/golden_trainer.py",
        "networks": [
            network_case("masked3", [(4, 5, 2, 2), (3, 5, 2, 2), (4, 3, 1, 1)], True, [], rng),
            network_case("plain2", [(4, 3, 2, 1), (3, 3, 3, 1)], False, [4], rng),
        ],
        "adam": adam_case(rng),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(golden, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
