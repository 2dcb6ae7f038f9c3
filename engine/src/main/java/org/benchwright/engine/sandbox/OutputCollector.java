package org.benchwright.engine.sandbox;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Receives an exec's output frames, keeping at most a cap of each stream. Going over the cap wakes
 * the waiting thread at once, so a command flooding its output is stopped early instead of
 * streaming gigabytes through the engine.
 */
final class OutputCollector extends ResultCallback.Adapter<Frame> {

  private final int cap;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final CountDownLatch finishedOrOverflowed = new CountDownLatch(1);
  private volatile boolean stdoutTruncated;
  private volatile boolean stderrTruncated;
  private volatile Throwable failure;

  OutputCollector(int cap) {
    this.cap = cap;
  }

  @Override
  public void onNext(Frame frame) {
    boolean err = frame.getStreamType() == StreamType.STDERR;
    ByteArrayOutputStream target = err ? stderr : stdout;
    byte[] payload = frame.getPayload();
    synchronized (this) {
      int room = cap - target.size();
      if (payload.length > room) {
        target.write(payload, 0, Math.max(0, room));
        if (err) {
          stderrTruncated = true;
        } else {
          stdoutTruncated = true;
        }
        finishedOrOverflowed.countDown();
      } else {
        target.write(payload, 0, payload.length);
      }
    }
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
    return stdout.toByteArray();
  }

  synchronized byte[] stderr() {
    return stderr.toByteArray();
  }
}
