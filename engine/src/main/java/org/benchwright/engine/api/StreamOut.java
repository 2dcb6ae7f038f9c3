package org.benchwright.engine.api;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;

/**
 * A streamed body's output that can also tell whether the client is still there. A client that
 * closes its end while a stream waits for events is otherwise noticed only at the next write (a
 * keep-alive, seconds later), and each such stream holds a server thread until then.
 */
final class StreamOut extends FilterOutputStream {

  private final EndPoint endPoint;
  private final ByteBuffer probe = ByteBuffer.allocate(256);

  StreamOut(OutputStream out, EndPoint endPoint) {
    super(out);
    this.endPoint = endPoint;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
  }

  /** Whether {@code out} is a stream whose client has closed its end (false when unknown). */
  static boolean clientGone(OutputStream out) {
    return out instanceof StreamOut s && s.gone();
  }

  private boolean gone() {
    if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
      return true;
    }
    if (endPoint.isFillInterested()) {
      return false; // the connection reads itself and will see the close
    }
    try {
      // Nothing is read on a connection while its stream lasts: a client that sends more than
      // the request it made has nothing to say to a stream, and what it sends is dropped.
      probe.clear().flip();
      return endPoint.fill(probe) < 0;
    } catch (IOException e) {
      return true;
    }
  }
}
