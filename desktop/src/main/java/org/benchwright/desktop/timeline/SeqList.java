package org.benchwright.desktop.timeline;

import java.util.AbstractList;
import java.util.List;
import javafx.collections.ObservableListBase;

/**
 * The timeline's items: the sequence numbers 1..size, computed rather than stored, so a run of
 * 100,000 events costs the list nothing. Cells look their event up by seq.
 */
final class SeqList extends ObservableListBase<Long> {

  private int size;

  @Override
  public Long get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return index + 1L;
  }

  @Override
  public int size() {
    return size;
  }

  /** Another run: every item is replaced. */
  void reset(int newSize) {
    int old = size;
    if (old == 0 && newSize == 0) {
      return;
    }
    beginChange();
    size = newSize;
    if (old > 0) {
      nextRemove(0, range(old));
    }
    if (newSize > 0) {
      nextAdd(0, newSize);
    }
    endChange();
  }

  /** The same run recorded more events. */
  void growTo(int newSize) {
    if (newSize <= size) {
      return;
    }
    int old = size;
    beginChange();
    size = newSize;
    nextAdd(old, newSize);
    endChange();
  }

  private static List<Long> range(int n) {
    return new AbstractList<>() {
      @Override
      public Long get(int index) {
        return index + 1L;
      }

      @Override
      public int size() {
        return n;
      }
    };
  }
}
