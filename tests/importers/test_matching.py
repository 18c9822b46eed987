"""Customer matching across sources: one test per rule, in the order the rules apply."""

from __future__ import annotations

import pytest

from kundenwert.importers.matching import (
    CustomerMap,
    CustomerMapInvalid,
    Known,
    Matcher,
    canonical_domain,
    normalise_name,
)
from kundenwert.importers.records import CustomerRef

SOMMER = Known("K1", "Bäckerei Sommer GmbH", 1, ("info@baeckerei-sommer.de",))
BERGER = Known("K2", "Kanzlei Berger & Partner", 2, ("anna.berger@gmx.de", "kb@kanzlei-berger.de"))
STRASSE = Known("K3", "Straßenbau Weiß e.K.", 3)


def matcher(*customers: Known, **options) -> Matcher:
    return Matcher(customers or (SOMMER, BERGER, STRASSE), **options)


def test_the_id_matches_the_customer_number():
    match = matcher().match(CustomerRef(name="Ganz anders", id="K2"))

    assert (match.customer, match.rule) == (BERGER, "id")


def test_the_exact_name_matches():
    match = matcher().match(CustomerRef(name="Kanzlei Berger & Partner"))

    assert (match.customer, match.rule) == (BERGER, "name")


@pytest.mark.parametrize(
    "written",
    [
        "Bäckerei Sommer",
        "BÄCKEREI SOMMER GMBH",
        "Baeckerei Sommer GmbH & Co. KG",
        "Bäckerei Sommer UG (haftungsbeschränkt)",
        "Bäckerei Sommer AG",
        "Bäckerei Sommer mbH",
        "Bäckerei  Sommer, Ltd.",
        "Bäckerei Sommer Inc",
    ],
)
def test_legal_forms_case_and_punctuation_do_not_count(written):
    match = matcher().match(CustomerRef(name=written))

    assert (match.customer, match.rule) == (SOMMER, "normalised name")


def test_umlauts_and_sharp_s_match_their_spelled_out_forms():
    assert normalise_name("Straßenbau Weiß e.K.") == normalise_name("Strassenbau Weiss")
    assert normalise_name("Müller & Söhne OHG") == normalise_name("Mueller und Soehne")
    assert matcher().match(CustomerRef(name="STRASSENBAU WEISS eK")).customer == STRASSE


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Kanzlei Berger & Partner", "kanzlei berger partner"),
        ("Verein der Freunde e.V.", "verein der freunde"),
        ("Café Crème GbR", "cafe creme"),
        ("AG", "ag"),  # a name is never only its legal form
    ],
)
def test_normalised_names(name, normalised):
    assert normalise_name(name) == normalised


def test_an_email_address_of_the_customer_or_a_contact_matches():
    match = matcher().match(CustomerRef(emails=("Anna.Berger@gmx.de",)))

    assert (match.customer, match.rule) == (BERGER, "e-mail")


def test_the_email_domain_matches_also_from_a_subdomain():
    match = matcher().match(CustomerRef(emails=("buchhaltung@mail.baeckerei-sommer.de",)))

    assert (match.customer, match.rule) == (SOMMER, "domain")
    assert matcher().match(CustomerRef(domain="kanzlei-berger.de")).customer == BERGER


@pytest.mark.parametrize(
    "address", ["someone@gmx.de", "x@gmail.com", "y@yahoo.co.uk", "z@hotmail.fr"]
)
def test_freemail_domains_never_match_by_domain(address):
    # Berger's known address is at gmx.de, yet another gmx.de address is not Berger.
    match = matcher().match(CustomerRef(emails=(address,)))

    assert match.customer is None


MUELLER = Known("K4", "Müller Bau GmbH", 4, ("info@müller-bau.de",))


def test_an_internationalised_domain_matches_however_it_is_spelled():
    # Mail headers write müller-bau.de as xn--mller-bau-q9a.de (punycode).
    same = CustomerRef(emails=("Info@XN--MLLER-BAU-Q9A.DE",))
    colleague = CustomerRef(emails=("buchhaltung@xn--mller-bau-q9a.de",))

    assert (matcher(MUELLER).match(same).customer, matcher(MUELLER).match(same).rule) == (
        MUELLER,
        "e-mail",
    )
    assert matcher(MUELLER).match(colleague).rule == "domain"
    assert matcher(MUELLER).match(CustomerRef(domain="xn--mller-bau-q9a.de")).customer == MUELLER
    assert matcher(MUELLER, own_domains=["xn--mller-bau-q9a.de"]).match(colleague).customer is None


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("xn--mller-kva.de", "müller.de"),
        ("Müller.DE.", "müller.de"),
        ("xn--strae-oqa.de", "straße.de"),
        ("xn--not-punycode-!.de", "xn--not-punycode-!.de"),
        ("example.com", "example.com"),
    ],
)
def test_domains_have_one_spelling(written, canonical):
    assert canonical_domain(written) == canonical


def test_the_owners_own_domains_never_match_by_domain():
    owner = Known("K9", "Meine Agentur", 9, ("post@meine-agentur.de",))
    plain = matcher(owner)
    own = matcher(owner, own_domains=["meine-agentur.de"])
    ref = CustomerRef(emails=("kollege@meine-agentur.de",))

    assert plain.match(ref).customer == owner
    assert own.match(ref).customer is None


def test_the_customer_map_wins_over_every_other_rule():
    customer_map = CustomerMap()
    customer_map.add("Bäckerei Sommer GmbH", "K2")  # the user says: this name is Berger
    customer_map.add("sommer.de", "K3")

    found = matcher(customer_map=customer_map)

    assert found.match(CustomerRef(name="Bäckerei Sommer GmbH", id="K1")).customer == BERGER
    assert found.match(CustomerRef(name="BAECKEREI SOMMER")).customer == BERGER
    assert found.match(CustomerRef(emails=("x@sommer.de",))).rule == "map"


def test_a_mapped_customer_id_that_does_not_exist_is_planned_with_the_maps_name():
    customer_map = CustomerMap()
    customer_map.add("ACME Corp.", "K-77", "Acme Corporation")

    match = matcher(customer_map=customer_map).match(CustomerRef(name="ACME Corp."))

    assert (match.customer.number, match.customer.name, match.customer.pk) == (
        "K-77",
        "Acme Corporation",
        None,
    )


def test_a_name_that_fits_several_customers_decides_nothing():
    twins = (Known("K1", "Müller GmbH", 1), Known("K2", "Mueller AG", 2))

    match = matcher(*twins).match(CustomerRef(name="Müller"))

    assert match.customer is None and match.ambiguous
    assert {c.number for c in match.candidates} == {"K1", "K2"}


def test_unknown_customers_are_numbered_after_the_highest_new_number():
    found = matcher(SOMMER, Known("NEU-0007", "Früher neu", 7))

    first = found.plan_new(CustomerRef(name="Hansa Logistik AG"))
    second = found.plan_new(CustomerRef(name="Alpen Verlag"))

    assert (first.number, second.number) == ("NEU-0008", "NEU-0009")
    # and the new customer is found by the next ref that names it another way
    assert found.match(CustomerRef(name="HANSA LOGISTIK")).customer == first


def test_an_unknown_customer_with_an_id_keeps_it_as_its_number():
    planned = matcher().plan_new(CustomerRef(name="Rhein Immobilien", id="10042"))

    assert (planned.number, planned.name) == ("10042", "Rhein Immobilien")


def test_the_customer_map_file_has_source_name_customer_id_and_an_optional_name(tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_text(
        "source_name;customer_id;customer_name\nACME Corp.;K-77;Acme\nacme.com;K-77;\n",
        encoding="utf-8",
    )

    customer_map = CustomerMap.read(path)

    assert customer_map.lookup(CustomerRef(name="acme corp")) == "K-77"
    assert customer_map.lookup(CustomerRef(emails=("sales@acme.com",))) == "K-77"
    assert customer_map.names == {"K-77": "Acme"}


def test_a_broken_customer_map_names_line_and_column(tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_text("source_name,customer_id\nACME,K1\nACME,K2\n,K3\n", encoding="utf-8")

    with pytest.raises(CustomerMapInvalid) as invalid:
        CustomerMap.read(path)

    assert [str(e) for e in invalid.value.errors] == [
        "kunden.csv, line 3, column source_name: 'ACME' appears more than once (first on line 2)",
        "kunden.csv, line 4, column source_name: a value is required",
    ]


def test_a_customer_map_without_its_columns_is_an_error(tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_text("Name,Kunde\nACME,K1\n", encoding="utf-8")

    with pytest.raises(CustomerMapInvalid) as invalid:
        CustomerMap.read(path)

    assert [str(e) for e in invalid.value.errors] == [
        "kunden.csv, line 1, column source_name: required column is missing",
        "kunden.csv, line 1, column customer_id: required column is missing",
    ]
