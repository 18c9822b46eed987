"""The import and export commands as a user runs them: exit status, messages, files."""

from __future__ import annotations

import pytest

from kundenwert.cli import main
from kundenwert.customers.models import Customer

pytestmark = pytest.mark.django_db


def test_import_prints_what_it_added(small_folder, capsys):
    assert main(["import", "--lang", "en", str(small_folder)]) == 0

    out = capsys.readouterr().out
    assert "customers" in out and "time_entries" in out
    assert "10 change(s)." in out
    assert Customer.objects.count() == 2


def test_import_of_a_bad_folder_exits_2_and_names_file_line_column_and_value(small_folder, capsys):
    with (small_folder / "customers.csv").open("a") as f:
        f.write("K3,,active,,,,,,\n")

    assert main(["import", "--lang", "en", str(small_folder)]) == 2

    err = capsys.readouterr().err
    assert "nothing was imported" in err
    assert "customers.csv" in err and "line 4" in err and "name" in err
    assert "Traceback" not in err
    assert Customer.objects.count() == 0


def test_import_of_a_missing_folder_exits_2(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["import", "--lang", "en", str(missing)]) == 2
    assert f"{missing}: does not exist (not a folder and not a file)" in capsys.readouterr().err

    assert main(["import", str(missing)]) == 2
    assert (
        f"{missing}: existiert nicht (weder ein Ordner noch eine Datei)" in capsys.readouterr().err
    )


def test_dry_run_says_so_and_writes_nothing(small_folder, capsys):
    assert main(["import", "--lang", "en", "--dry-run", str(small_folder)]) == 0

    assert "Dry run: nothing was written" in capsys.readouterr().out
    assert Customer.objects.count() == 0


def test_export_writes_every_file_of_the_format(small_folder, tmp_path, capsys):
    main(["import", "--lang", "en", str(small_folder)])

    assert main(["export", str(tmp_path / "out")]) == 0

    assert f"7 Dateien nach {tmp_path / 'out'} geschrieben" in capsys.readouterr().out
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(
        [
            "customers.csv",
            "invoices.csv",
            "time_entries.csv",
            "interactions.csv",
            "offers.csv",
            "deliveries.csv",
            "direct_costs.csv",
        ]
    )
    customers = (tmp_path / "out" / "customers.csv").read_text(encoding="utf-8").splitlines()
    assert customers[0].startswith("id,name,status,since,potential,useful,heart,group_override")
    assert customers[1].startswith("K1,Bäckerei Sommer GmbH,active,2021-03-01,4,true,false,,")


def test_export_onto_a_file_is_refused_in_the_chosen_language(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")

    assert main(["export", "--lang", "en", str(target)]) == 1
    assert f"{target}: exists and is not a folder" in capsys.readouterr().err
    assert main(["export", str(target)]) == 1
    assert f"{target}: existiert und ist kein Ordner" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "x"
