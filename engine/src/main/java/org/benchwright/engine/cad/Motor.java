package org.benchwright.engine.cad;

/**
 * A motor of the project's motors table ({@code cad.motors}), with what an MJCF actuator needs: the
 * force range (N·m for a hinge) and position-servo gains ({@code kp} N·m/rad, {@code kv}
 * N·m·s/rad), plus its mass and price for the solution's weight and cost.
 */
public record Motor(
    String name,
    double torqueNm,
    double forceMin,
    double forceMax,
    double kp,
    double kv,
    double massG,
    double usd) {}
