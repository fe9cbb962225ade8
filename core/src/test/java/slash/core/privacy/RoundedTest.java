package slash.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RoundedTest {
  @Test
  void threeSignificantDigitsPlainInTheMiddleScientificOutside() {
    assertEquals("3.01e6", Rounded.of(3012266.7104892666)); // the message of issue 24
    assertEquals("0.1", Rounded.of(0.09999900099915134));
    assertEquals("1.31e6", Rounded.of(1310720.0));
    assertEquals("1.1e-18", Rounded.of(1.1e-18));
    assertEquals("1e-6", Rounded.of(1e-6));
    assertEquals("6.7", Rounded.of(6.7));
    assertEquals("6.78", Rounded.of(6.777395712150674));
    assertEquals("1150", Rounded.of(1150.1));
    assertEquals("1.23e4", Rounded.of(12345));
    assertEquals("0.001", Rounded.of(1e-3));
    assertEquals("-0.592", Rounded.of(-0.5923));
    assertEquals("0", Rounded.of(0));
    assertEquals("infinity", Rounded.of(Double.POSITIVE_INFINITY));
  }
}
