package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An exec's stdout as an InputStream, for output too big to collect (a tar of changed files, a
 * manifest of 200,000 entries). Frames wait in a short queue, so a slow reader slows the engine
 * down rather than filling the heap; stderr is kept up to a few KiB for the error message. Reading
 * past the deadline throws {@link Timeout}.
 */
final class StdoutStream extends InputStream {

  private static final byte[] END = new byte[0];
  private static final int STDERR_CAP = 8 * 1024;

  private final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(64);
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final long deadlineNanos;
  private final Callback callback = new Callback();
  private volatile Throwable failure;
  private volatile boolean closed;
  private byte[] current = new byte[0];
  private int at;
  private boolean ended;

  /** Reading took longer than allowed. */
  static final class Timeout extends InterruptedIOException {
    Timeout(String message) {
      super(message);
    }
  }

  StdoutStream(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  ResultCallback.Adapter<Frame> callback() {
    return callback;
  }

  private final class Callback extends ResultCallback.Adapter<Frame> {
    @Override
    public void onNext(Frame frame) {
      // Copied: the transport may reuse the array for the next frame once onNext returns.
      byte[] payload = frame.getPayload().clone();
      if (frame.getStreamType() == StreamType.STDERR) {
        synchronized (stderr) {
          stderr.write(payload, 0, Math.min(payload.length, STDERR_CAP - stderr.size()));
        }
        return;
      }
      if (payload.length == 0) {
        return;
      }
      try {
        // Waits for room, but gives up once the reader has closed the stream.
        while (!closed && !frames.offer(payload, 100, TimeUnit.MILLISECONDS)) {
          // the reader is behind: wait
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      failure = throwable;
      frames.offer(END);
      super.onError(throwable);
    }

    @Override
    public void onComplete() {
      frames.offer(END);
      super.onComplete();
    }
  }

  private boolean fill() throws IOException {
    while (!ended && at >= current.length) {
      long left = deadlineNanos - System.nanoTime();
      byte[] next;
      try {
        next = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading from the sandbox");
      }
      if (next == null) {
        throw new Timeout("the sandbox did not finish sending in time");
      }
      if (next == END) {
        ended = true;
        if (failure != null) {
          throw new IOException("the Docker engine broke off the stream: " + failure, failure);
        }
      } else {
        current = next;
        at = 0;
      }
    }
    return at < current.length;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[at++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - at);
    System.arraycopy(current, at, b, off, n);
    at += n;
    return n;
  }

  String stderrText() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8).strip();
    }
  }

  /** Stops the exec's stream (the engine closes the connection; the command gets SIGPIPE). */
  @Override
  public void close() throws IOException {
    ended = true;
    closed = true;
    frames.clear();
    callback.close();
  }
}
