package org.openchance.plugins.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CatalogueImportTest {

    @Test
    void goodRowsBecomeProductsWithTheirQuantityBreaks() {
        CatalogueImport.Result result = CatalogueImport.read("""
                sku;name;unit;taxRate;price;minQuantity;description
                SK-15;Schraubenverdichter SK 15;piece;19;9800,00;;"Öleingespritzt; drehzahlgeregelt"
                LT-40;Druckluftleitung DN 40;m;19;38,50;1;
                lt-40;Druckluftleitung DN 40;m;19;34,90;100;
                HB;Handbuch;piece;7;;;
                """);
        assertThat(result.problems()).isEmpty();
        assertThat(result.items()).extracting(CatalogueImport.Item::sku).containsExactly("SK-15", "LT-40", "HB");
        assertThat(result.items().get(0).description()).isEqualTo("Öleingespritzt; drehzahlgeregelt");
        assertThat(result.items().get(0).prices()).containsEntry(BigDecimal.ONE, new BigDecimal("9800.00"));
        assertThat(result.items().get(1).prices())
                .containsEntry(BigDecimal.ONE, new BigDecimal("38.50"))
                .containsEntry(new BigDecimal("1E+2"), new BigDecimal("34.90"));
        assertThat(result.items().get(2).prices()).isEmpty();
        assertThat(result.items().get(2).taxRate()).isEqualByComparingTo("7");
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndNothingComesBack() {
        CatalogueImport.Result result = CatalogueImport.read("""
                sku,name,unit,taxRate,price,active
                A-1,Good,piece,19,10,true
                A-2,,piece,19,10,true
                A-3,Tax,piece,119,10,true
                A-4,Price,piece,19,zehn,maybe
                A-1,Other name,piece,19,12,true
                """);
        assertThat(result.items()).isEmpty();
        assertThat(result.problems())
                .extracting(p -> p.line() + " " + p.column())
                .containsExactly("3 name", "4 taxRate", "5 active", "5 price", "6 sku");
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedAsAWhole() {
        CatalogueImport.Result result = CatalogueImport.read("sku,name,price\nA,B,1\n");
        assertThat(result.problems())
                .extracting(p -> p.line() + " " + p.column())
                .containsExactlyInAnyOrder("1 unit", "1 taxRate");
    }
}
