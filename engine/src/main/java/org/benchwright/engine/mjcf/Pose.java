package org.benchwright.engine.mjcf;

/**
 * A rigid transform: a position and a unit quaternion (w, x, y, z), as MuJoCo writes them. {@code
 * a.then(b)} is b expressed in a's frame, so a body's world pose is {@code
 * parentWorld.then(local)}.
 */
public record Pose(double x, double y, double z, double qw, double qx, double qy, double qz) {

  public static final Pose IDENTITY = new Pose(0, 0, 0, 1, 0, 0, 0);

  /** A pose from a position and a quaternion; the quaternion is normalised (MuJoCo does too). */
  public static Pose of(double[] pos, double[] quat) {
    double n =
        Math.sqrt(quat[0] * quat[0] + quat[1] * quat[1] + quat[2] * quat[2] + quat[3] * quat[3]);
    if (n < 1e-12) {
      return new Pose(pos[0], pos[1], pos[2], 1, 0, 0, 0);
    }
    return new Pose(pos[0], pos[1], pos[2], quat[0] / n, quat[1] / n, quat[2] / n, quat[3] / n);
  }

  /** A rotation of {@code angle} radians about {@code axis} (need not be unit length). */
  public static Pose rotation(double ax, double ay, double az, double angle) {
    double n = Math.sqrt(ax * ax + ay * ay + az * az);
    if (n < 1e-12) {
      return IDENTITY;
    }
    double s = Math.sin(angle / 2) / n;
    return new Pose(0, 0, 0, Math.cos(angle / 2), ax * s, ay * s, az * s);
  }

  /** A pure translation. */
  public static Pose translation(double x, double y, double z) {
    return new Pose(x, y, z, 1, 0, 0, 0);
  }

  /** {@code child} expressed in this frame: translation and rotation composed. */
  public Pose then(Pose child) {
    double[] p = apply(child.x, child.y, child.z);
    return new Pose(
        p[0],
        p[1],
        p[2],
        qw * child.qw - qx * child.qx - qy * child.qy - qz * child.qz,
        qw * child.qx + qx * child.qw + qy * child.qz - qz * child.qy,
        qw * child.qy - qx * child.qz + qy * child.qw + qz * child.qx,
        qw * child.qz + qx * child.qy - qy * child.qx + qz * child.qw);
  }

  /** The inverse transform: {@code p.inverse().then(p)} is the identity. */
  public Pose inverse() {
    Pose r = new Pose(0, 0, 0, qw, -qx, -qy, -qz);
    double[] t = r.rotate(-x, -y, -z);
    return r.at(t[0], t[1], t[2]);
  }

  /** {@code this} applied {@code n} times (n ≥ 0); the identity for 0. */
  public Pose power(int n) {
    Pose out = IDENTITY;
    for (int i = 0; i < n; i++) {
      out = out.then(this);
    }
    return out;
  }

  /** The same rotation at another position. */
  public Pose at(double px, double py, double pz) {
    return new Pose(px, py, pz, qw, qx, qy, qz);
  }

  /** Rotates the vector (vx, vy, vz) by this pose's rotation, without translating it. */
  public double[] rotate(double vx, double vy, double vz) {
    double[] m = matrix();
    return new double[] {
      m[0] * vx + m[1] * vy + m[2] * vz,
      m[3] * vx + m[4] * vy + m[5] * vz,
      m[6] * vx + m[7] * vy + m[8] * vz
    };
  }

  /** Maps the point (px, py, pz) of this frame to the parent frame. */
  public double[] apply(double px, double py, double pz) {
    double[] r = rotate(px, py, pz);
    return new double[] {r[0] + x, r[1] + y, r[2] + z};
  }

  /** The rotation as a row-major 3×3 matrix; its columns are the frame's axes. */
  public double[] matrix() {
    double ww = qw * qw;
    double xx = qx * qx;
    double yy = qy * qy;
    double zz = qz * qz;
    return new double[] {
      ww + xx - yy - zz,
      2 * (qx * qy - qw * qz),
      2 * (qx * qz + qw * qy),
      2 * (qx * qy + qw * qz),
      ww - xx + yy - zz,
      2 * (qy * qz - qw * qx),
      2 * (qx * qz - qw * qy),
      2 * (qy * qz + qw * qx),
      ww - xx - yy + zz
    };
  }

  /** The rotation whose columns are the given orthonormal axes (a right-handed frame). */
  static Pose fromAxes(double[] ax, double[] ay, double[] az) {
    double m00 = ax[0];
    double m10 = ax[1];
    double m20 = ax[2];
    double m01 = ay[0];
    double m11 = ay[1];
    double m21 = ay[2];
    double m02 = az[0];
    double m12 = az[1];
    double m22 = az[2];
    double trace = m00 + m11 + m22;
    double w;
    double x;
    double y;
    double z;
    // Shepperd's method: divide by the largest of the four candidates for numerical stability.
    if (trace > 0) {
      double s = Math.sqrt(trace + 1) * 2;
      w = s / 4;
      x = (m21 - m12) / s;
      y = (m02 - m20) / s;
      z = (m10 - m01) / s;
    } else if (m00 > m11 && m00 > m22) {
      double s = Math.sqrt(1 + m00 - m11 - m22) * 2;
      w = (m21 - m12) / s;
      x = s / 4;
      y = (m01 + m10) / s;
      z = (m02 + m20) / s;
    } else if (m11 > m22) {
      double s = Math.sqrt(1 + m11 - m00 - m22) * 2;
      w = (m02 - m20) / s;
      x = (m01 + m10) / s;
      y = s / 4;
      z = (m12 + m21) / s;
    } else {
      double s = Math.sqrt(1 + m22 - m00 - m11) * 2;
      w = (m10 - m01) / s;
      x = (m02 + m20) / s;
      y = (m12 + m21) / s;
      z = s / 4;
    }
    return of(new double[3], new double[] {w, x, y, z});
  }

  /** The smallest rotation taking +z to the direction (dx, dy, dz), as MuJoCo's zaxis does. */
  static Pose zTo(double dx, double dy, double dz) {
    double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (n < 1e-12) {
      return IDENTITY;
    }
    dx /= n;
    dy /= n;
    dz /= n;
    // axis = z × d = (-dy, dx, 0); angle = acos(dz)
    double s = Math.hypot(dx, dy);
    if (s < 1e-12) {
      return dz > 0 ? IDENTITY : new Pose(0, 0, 0, 0, 1, 0, 0);
    }
    return rotation(-dy, dx, 0, Math.atan2(s, dz));
  }
}
