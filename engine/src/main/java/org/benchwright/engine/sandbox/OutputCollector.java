package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Receives an exec's output frames, keeping at most a cap of each stream. Going over the cap wakes
 * the waiting thread at once, so a command flooding its output is stopped early instead of
 * streaming gigabytes through the engine.
 *
 * <p>With a boundary, stdout is split: what comes before the first occurrence of the boundary is
 * the command's own output (capped as above); what comes after is the engine's trailer (a listing
 * of the workspace written by the wrapper after the command), kept apart up to its own cap and
 * never counted against the command's.
 */
final class OutputCollector extends ResultCallback.Adapter<Frame> {

  private final int cap;
  private final byte[] boundary;
  private final int trailerCap;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final ByteArrayOutputStream trailer = new ByteArrayOutputStream();
  private final CountDownLatch finishedOrOverflowed = new CountDownLatch(1);
  // stdout before the boundary: kept in a plain array so the boundary can be searched in place
  private byte[] stdout = new byte[4096];
  private int stdoutLength;
  private boolean inTrailer;
  private volatile boolean stdoutTruncated;
  private volatile boolean stderrTruncated;
  private volatile boolean trailerTruncated;
  private volatile Throwable failure;

  OutputCollector(int cap) {
    this(cap, null, 0);
  }

  OutputCollector(int cap, byte[] boundary, int trailerCap) {
    this.cap = cap;
    this.boundary = boundary;
    this.trailerCap = trailerCap;
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    synchronized (this) {
      if (frame.getStreamType() == StreamType.STDERR) {
        int room = cap - stderr.size();
        if (payload.length > room) {
          stderr.write(payload, 0, Math.max(0, room));
          stderrTruncated = true;
          finishedOrOverflowed.countDown();
        } else {
          stderr.write(payload, 0, payload.length);
        }
        return;
      }
      if (inTrailer) {
        toTrailer(payload, 0, payload.length);
        return;
      }
      int from = Math.max(0, stdoutLength - (boundary == null ? 0 : boundary.length - 1));
      append(payload);
      if (boundary != null) {
        int at = indexOf(stdout, stdoutLength, boundary, from);
        if (at >= 0) {
          int after = at + boundary.length;
          toTrailer(stdout, after, stdoutLength - after);
          stdoutLength = at;
          inTrailer = true;
        }
      }
      // A boundary split across frames may still be arriving: allow for its length.
      int slack = boundary == null || inTrailer ? 0 : boundary.length;
      if (stdoutLength > cap + slack) {
        stdoutLength = Math.min(stdoutLength, cap);
        stdoutTruncated = true;
        finishedOrOverflowed.countDown();
      }
    }
  }

  private void append(byte[] payload) {
    if (stdoutLength + payload.length > stdout.length) {
      stdout = Arrays.copyOf(stdout, Math.max(stdout.length * 2, stdoutLength + payload.length));
    }
    System.arraycopy(payload, 0, stdout, stdoutLength, payload.length);
    stdoutLength += payload.length;
  }

  private void toTrailer(byte[] b, int off, int len) {
    int room = trailerCap - trailer.size();
    if (len > room) {
      trailer.write(b, off, Math.max(0, room));
      trailerTruncated = true; // the engine falls back to a listing of its own
    } else {
      trailer.write(b, off, len);
    }
  }

  private static int indexOf(byte[] hay, int length, byte[] needle, int from) {
    outer:
    for (int i = from; i <= length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void onError(Throwable throwable) {
    failure = throwable;
    finishedOrOverflowed.countDown();
    super.onError(throwable);
  }

  @Override
  public void onComplete() {
    finishedOrOverflowed.countDown();
    super.onComplete();
  }

  /** Waits until the command's output ends, it overflows, or the time is up. */
  boolean await(long millis) throws InterruptedException {
    return finishedOrOverflowed.await(millis, TimeUnit.MILLISECONDS);
  }

  boolean overflowed() {
    return stdoutTruncated || stderrTruncated;
  }

  boolean stdoutTruncated() {
    return stdoutTruncated;
  }

  boolean stderrTruncated() {
    return stderrTruncated;
  }

  Throwable failure() {
    return failure;
  }

  synchronized byte[] stdout() {
    return Arrays.copyOf(stdout, Math.min(stdoutLength, cap));
  }

  synchronized byte[] stderr() {
    return stderr.toByteArray();
  }

  /** The trailer, or null when the boundary never came or the trailer outgrew its cap. */
  synchronized byte[] trailer() {
    return inTrailer && !trailerTruncated ? trailer.toByteArray() : null;
  }
}
