package org.benchwright.engine.cad;

/**
 * Geometry of a mesh, in the mesh's units (mm, mm², mm³ for OpenSCAD files).
 *
 * @param volume enclosed volume, the absolute value of {@code signedVolume}
 * @param signedVolume sum of signed tetrahedra from the origin: positive when the triangles face
 *     outward, negative for an inside-out mesh; meaningful only for a watertight mesh
 * @param watertight every edge is shared by exactly two triangles that traverse it in opposite
 *     directions (a closed, consistently oriented, manifold surface)
 * @param boundaryEdges edges used by one triangle only (holes)
 * @param nonManifoldEdges edges used by more than two triangles
 * @param misorientedEdges edges whose two triangles traverse them the same way (a flipped face)
 * @param bodies connected pieces (triangles connected through shared vertices)
 */
public record MeshStats(
    int vertices,
    int triangles,
    double volume,
    double signedVolume,
    double surfaceArea,
    Bounds bounds,
    boolean watertight,
    int boundaryEdges,
    int nonManifoldEdges,
    int misorientedEdges,
    int bodies) {

  /** No two triangles sharing an edge disagree about its direction. */
  public boolean consistentlyOriented() {
    return misorientedEdges == 0;
  }

  /** Closed and facing outward: the state a printable solid must be in. */
  public boolean outwardFacing() {
    return watertight && signedVolume > 0;
  }
}
