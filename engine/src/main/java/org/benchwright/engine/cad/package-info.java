/**
 * Meshes of parts and what making them costs (docs/decisions/0016).
 *
 * <ul>
 *   <li>{@link org.benchwright.engine.cad.Meshes#read(java.nio.file.Path)} and {@link
 *       org.benchwright.engine.cad.Meshes#read(String, byte[])} — binary/ASCII STL and OBJ into a
 *       welded, immutable {@link org.benchwright.engine.cad.Mesh}; bad files throw {@link
 *       org.benchwright.engine.cad.MeshFormatException} naming the file (and line);
 *   <li>{@link org.benchwright.engine.cad.MeshAnalysis#analyze} — {@link
 *       org.benchwright.engine.cad.MeshStats}: volume, area, {@link
 *       org.benchwright.engine.cad.Bounds}, watertightness, bodies;
 *   <li>{@link org.benchwright.engine.cad.CadTables#from} — materials, motors and process
 *       constants: defaults with the project settings {@code cad.materials}, {@code cad.motors},
 *       {@code cad.processes} merged over them;
 *   <li>{@link org.benchwright.engine.cad.Manufacturing#evaluate} — weight, cost breakdown and
 *       checks of a {@link org.benchwright.engine.cad.Part} as a {@link
 *       org.benchwright.engine.cad.ManufacturingReport};
 *   <li>{@link org.benchwright.engine.cad.MeshRenderer#renderPng} — a headless isometric preview.
 * </ul>
 *
 * <p>Meshes are in the file's units; costs and checks assume millimetres (OpenSCAD's STL unit).
 */
package org.benchwright.engine.cad;
