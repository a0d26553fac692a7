package org.knet4j.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TablePrinterTest {
    @Test
    void columnsAreAsWideAsTheirWidestCellNumbersRightAligned() {
        String out = new TablePrinter("NAME", "COUNT", "NOTE")
                .row("a", 5, "x")
                .row("longer", 12345, null)
                .toString();
        assertThat(out).isEqualTo(""
                + "NAME    COUNT  NOTE\n"
                + "------  -----  ----\n"
                + "a           5  x\n"
                + "longer  12345  -\n");
    }

    @Test
    void aRowMustHaveOneCellPerColumn() {
        assertThatThrownBy(() -> new TablePrinter("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 cells for 2 columns");
        assertThatThrownBy(TablePrinter::new).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyTableIsItsHeader() {
        TablePrinter t = new TablePrinter("ONLY");
        assertThat(t.rowCount()).isZero();
        assertThat(t.toString()).isEqualTo("ONLY\n----\n");
    }
}
