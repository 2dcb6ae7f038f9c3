package org.benchwright.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.benchwright.engine.cad.CadTables;
import org.benchwright.engine.cad.Caps;
import org.benchwright.engine.cad.Manufacturing;
import org.benchwright.engine.cad.ManufacturingProcess;
import org.benchwright.engine.cad.Mesh;
import org.benchwright.engine.cad.MeshAnalysis;
import org.benchwright.engine.cad.MeshRenderer;
import org.benchwright.engine.cad.MeshStats;
import org.benchwright.engine.cad.Meshes;
import org.benchwright.engine.cad.Part;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchwright bench mesh}: writes a closed torus of about a million triangles as binary STL
 * and times reading it with welding, analysing it and rendering a preview. The reference in the
 * same run reads the same bytes and decodes every float without welding, the least any reader must
 * do.
 */
@Command(
    name = "mesh",
    mixinStandardHelpOptions = true,
    description = "Measure binary STL read + weld, analysis and preview rendering.")
final class MeshBench implements Callable<Integer> {

  private static final VarHandle FLOAT_LE =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

  @Spec CommandSpec spec;

  @Option(
      names = "--triangles",
      description = "triangles in the generated STL (default ${DEFAULT-VALUE})")
  int triangles = 1_000_000;

  @Option(names = "--runs", description = "timed runs per figure (default ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(
      names = "--ascii-triangles",
      description =
          "triangles in the ASCII STL, OpenSCAD's default output (default ${DEFAULT-VALUE})")
  int asciiTriangles = 200_000;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = Files.createTempDirectory("bw-mesh");
    try {
      // A torus grid of m × n quads gives 2mn triangles; n = m/2 keeps the quads near square.
      int m = (int) Math.round(Math.sqrt(triangles)), n = Math.max(3, triangles / (2 * m));
      Path stl = work.resolve("torus.stl");
      writeTorus(stl, m, n);
      out.printf(
          Locale.ROOT,
          "benchwright bench mesh: binary STL torus, %,d triangles, %,.1f MB, %d runs per figure"
              + " (median), Java %s, %d cores%n",
          2L * m * n,
          Files.size(stl) / 1e6,
          runs,
          Runtime.version(),
          Runtime.getRuntime().availableProcessors());
      // Warm up every path so the JIT favours none.
      for (int i = 0; i < 2; i++) {
        reference(stl);
        MeshAnalysis.analyze(Meshes.read(stl));
      }
      double[] ref = new double[runs], read = new double[runs], analyse = new double[runs];
      double[] render = new double[runs];
      Mesh mesh = null;
      MeshStats stats = null;
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        reference(stl);
        long t1 = System.nanoTime();
        mesh = Meshes.read(stl);
        long t2 = System.nanoTime();
        stats = MeshAnalysis.analyze(mesh);
        long t3 = System.nanoTime();
        MeshRenderer.renderPng(mesh, 800, 600);
        long t4 = System.nanoTime();
        ref[i] = (t1 - t0) / 1e6;
        read[i] = (t2 - t1) / 1e6;
        analyse[i] = (t3 - t2) / 1e6;
        render[i] = (t4 - t3) / 1e6;
      }
      double r = median(ref), w = median(read), a = median(analyse), p = median(render);
      out.printf(
          Locale.ROOT,
          "mesh: %,d vertices after welding, %,d triangles, watertight %s, %d body, volume %.1f"
              + " mm³%n",
          mesh.vertexCount(),
          mesh.triangleCount(),
          stats.watertight(),
          stats.bodies(),
          stats.volume());
      out.printf(Locale.ROOT, "reference: read bytes + decode all floats: %8.1f ms%n", r);
      out.printf(
          Locale.ROOT,
          "Meshes.read (parse + weld):               %8.1f ms (%.2f x reference)%n",
          w,
          w / r);
      out.printf(
          Locale.ROOT,
          "MeshAnalysis.analyze:                     %8.1f ms (%.2f x reference)%n",
          a,
          a / r);
      out.printf(
          Locale.ROOT,
          "MeshRenderer.renderPng 800x600:           %8.1f ms (%.2f x reference)%n",
          p,
          p / r);
      out.printf(
          Locale.ROOT,
          "read + weld + analyse:                    %8.1f ms (%.2f x reference)%n",
          w + a,
          (w + a) / r);
      for (ManufacturingProcess process : ManufacturingProcess.values()) {
        Part part = new Part("torus", mesh, "abs", process, 100, 1);
        Manufacturing.evaluate(part, CadTables.defaults(), Caps.NONE);
        double[] times = new double[3];
        for (int i = 0; i < times.length; i++) {
          long t0 = System.nanoTime();
          Manufacturing.evaluate(part, CadTables.defaults(), Caps.NONE);
          times[i] = (System.nanoTime() - t0) / 1e6;
        }
        out.printf(
            Locale.ROOT,
            "Manufacturing.evaluate, %-17s       %8.1f ms (%.2f x reference, median of 3)%n",
            process.id() + ":",
            median(times),
            median(times) / r);
      }
      ascii(out, work);
    } finally {
      EventLogBench.deleteTree(work);
    }
    return 0;
  }

  /**
   * ASCII STL: read + parse + weld against reading the bytes and parsing every vertex number with
   * {@link Float#parseFloat}, the JDK's own parser, without welding.
   */
  private void ascii(PrintWriter out, Path work) throws IOException {
    int m = (int) Math.round(Math.sqrt(asciiTriangles)), n = Math.max(3, asciiTriangles / (2 * m));
    Path binary = work.resolve("small.stl");
    writeTorus(binary, m, n);
    Mesh mesh = Meshes.read(binary);
    Path ascii = work.resolve("ascii.stl");
    float[] p = mesh.points();
    int[] t = mesh.triangles();
    try (var w = Files.newBufferedWriter(ascii, java.nio.charset.StandardCharsets.US_ASCII)) {
      w.write("solid torus\n");
      for (int i = 0; i < t.length; i += 3) {
        w.write("  facet normal 0 0 0\n    outer loop\n");
        for (int k = 0; k < 3; k++) {
          int v = 3 * t[i + k];
          w.write("      vertex " + p[v] + " " + p[v + 1] + " " + p[v + 2] + "\n");
        }
        w.write("    endloop\n  endfacet\n");
      }
      w.write("endsolid torus\n");
    }
    for (int i = 0; i < 2; i++) {
      asciiReference(ascii);
      Meshes.read(ascii);
    }
    double[] ref = new double[runs], read = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      asciiReference(ascii);
      long t1 = System.nanoTime();
      Meshes.read(ascii);
      long t2 = System.nanoTime();
      ref[i] = (t1 - t0) / 1e6;
      read[i] = (t2 - t1) / 1e6;
    }
    double r = median(ref), a = median(read), mb = Files.size(ascii) / 1e6;
    out.printf(Locale.ROOT, "ASCII STL, %,d triangles, %.1f MB:%n", t.length / 3, mb);
    out.printf(
        Locale.ROOT,
        "reference: read + Float.parseFloat each number: %8.1f ms (%.1f MB/s)%n",
        r,
        mb / (r / 1e3));
    out.printf(
        Locale.ROOT,
        "Meshes.read (parse + weld):                      %8.1f ms (%.1f MB/s, %.2f x reference)%n",
        a,
        mb / (a / 1e3),
        a / r);
  }

  private static double asciiReference(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    double sum = 0;
    int i = 0;
    while (i < bytes.length) {
      int end = i;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      String line =
          new String(bytes, i, end - i, java.nio.charset.StandardCharsets.US_ASCII).trim();
      if (line.startsWith("vertex")) {
        String[] parts = line.split("\\s+");
        sum += Float.parseFloat(parts[1]) + Float.parseFloat(parts[2]) + Float.parseFloat(parts[3]);
      }
      i = end + 1;
    }
    return sum;
  }

  /** Reads the file and decodes its 9 floats per triangle into one array; returns a checksum. */
  private static double reference(Path stl) throws IOException {
    byte[] bytes = Files.readAllBytes(stl);
    int count = ByteBuffer.wrap(bytes, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    float[] floats = new float[9 * count];
    for (int t = 0; t < count; t++) {
      int base = 84 + 50 * t + 12;
      for (int k = 0; k < 9; k++) {
        floats[9 * t + k] = (float) FLOAT_LE.get(bytes, base + 4 * k);
      }
    }
    double sum = 0;
    for (int i = 0; i < floats.length; i += 997) {
      sum += floats[i];
    }
    return sum;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** A torus (major radius 40 mm, minor 10 mm), outward-facing, written as binary STL. */
  static void writeTorus(Path file, int m, int n) throws IOException {
    float[][] p = new float[m * n][];
    for (int i = 0; i < m; i++) {
      double u = 2 * Math.PI * i / m;
      for (int j = 0; j < n; j++) {
        double v = 2 * Math.PI * j / n;
        double ring = 40 + 10 * Math.cos(v);
        p[i * n + j] =
            new float[] {
              (float) (ring * Math.cos(u)), (float) (ring * Math.sin(u)), (float) (10 * Math.sin(v))
            };
      }
    }
    long count = 2L * m * n;
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = ByteBuffer.allocate(84).order(ByteOrder.LITTLE_ENDIAN);
      header.put(
          "binary STL written by benchwright bench mesh"
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      header.putInt(80, (int) count).position(84).flip();
      ch.write(header);
      ByteBuffer buf = ByteBuffer.allocate(50 * 4096).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          int a = i * n + j, b = ((i + 1) % m) * n + j;
          int c = ((i + 1) % m) * n + (j + 1) % n, d = i * n + (j + 1) % n;
          triangle(buf, p[a], p[b], p[c]);
          triangle(buf, p[a], p[c], p[d]);
          if (buf.remaining() < 100) {
            buf.flip();
            ch.write(buf);
            buf.clear();
          }
        }
      }
      buf.flip();
      ch.write(buf);
    }
  }

  private static void triangle(ByteBuffer buf, float[] a, float[] b, float[] c) {
    buf.putFloat(0).putFloat(0).putFloat(0);
    for (float[] v : new float[][] {a, b, c}) {
      buf.putFloat(v[0]).putFloat(v[1]).putFloat(v[2]);
    }
    buf.putShort((short) 0);
  }
}
