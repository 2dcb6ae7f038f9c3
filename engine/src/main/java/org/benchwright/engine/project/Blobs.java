package org.benchwright.engine.project;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** SHA-256 addressing and the compression codec of stored blobs. */
final class Blobs {

  static final String RAW = "raw";
  static final String DEFLATE = "deflate";

  private Blobs() {}

  static String sha256(byte[] data) {
    return HexFormat.of().formatHex(digest().digest(data));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compressed bytes, or null when compression does not pay (already compressed content). */
  static byte[] deflate(byte[] data) {
    if (data.length < 64) {
      return null;
    }
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
      byte[] buf = new byte[64 * 1024];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
        if (out.size() >= data.length) {
          return null;
        }
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static byte[] decode(String codec, byte[] stored, long size, String sha) {
    return switch (codec) {
      case RAW -> stored;
      case DEFLATE -> inflate(stored, size, sha);
      default -> throw new ProjectException.Corrupt("Blob " + sha + " has unknown codec " + codec);
    };
  }

  private static byte[] inflate(byte[] stored, long size, String sha) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(stored);
      byte[] out = new byte[Math.toIntExact(size)];
      int n = 0;
      while (n < out.length && !inflater.finished()) {
        int k = inflater.inflate(out, n, out.length - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != out.length) {
        throw new ProjectException.Corrupt("Blob " + sha + " is damaged: short content.");
      }
      return out;
    } catch (DataFormatException e) {
      throw new ProjectException.Corrupt("Blob " + sha + " is damaged: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }
}
