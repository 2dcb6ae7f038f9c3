"""Softmax regression on Fisher's iris data, trained by full-batch gradient descent.

The experiment loop may edit only this file; prepare.py's split is fixed.
"""
import numpy as np

from prepare import load

LR = 0.05
EPOCHS = 100
L2 = 0.0
STANDARDIZE = False
FEATURES = [0, 1, 2, 3]

x_train, y_train, x_val, y_val = load()
x_train, x_val = x_train[:, FEATURES], x_val[:, FEATURES]
if STANDARDIZE:
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    x_train, x_val = (x_train - mean) / std, (x_val - mean) / std


def with_bias(x):
    return np.hstack([x, np.ones((len(x), 1))])


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


xb, xv = with_bias(x_train), with_bias(x_val)
classes = int(y_train.max()) + 1
onehot = np.eye(classes)[y_train]
w = np.zeros((xb.shape[1], classes))
for epoch in range(1, EPOCHS + 1):
    p = softmax(xb @ w)
    grad = xb.T @ (p - onehot) / len(xb) + L2 * w
    w -= LR * grad
    if epoch % max(1, EPOCHS // 4) == 0:
        loss = -np.log(p[np.arange(len(y_train)), y_train]).mean()
        print(f"epoch {epoch} train_loss: {loss:.4f}")

pv = softmax(xv @ w)
val_loss = -np.log(pv[np.arange(len(y_val)), y_val]).mean()
val_acc = (pv.argmax(axis=1) == y_val).mean()
print(f"val_acc: {val_acc:.3f}")
print(f"val_loss: {val_loss:.4f}")
