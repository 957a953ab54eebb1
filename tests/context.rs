//! Issue 11: entities in context. Every candidate mention is resolved
//! against the cable it stands in (`src/resolve.rs`); these tests run the
//! real binary on short cables written in the style of posts all over the
//! world (`tests/fixtures/context/`), one rule at a time.

mod common;

use common::{cablegraph, fixture, read_csv, stdout_of};

/// A cable of our own in a temporary folder: the folder (removed when
/// dropped) and the file's path.
fn written(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join(name);
    std::fs::write(&f, text).unwrap();
    let path = f.to_str().unwrap().to_string();
    (dir, path)
}

fn ctx(name: &str) -> String {
    fixture(&format!("context/{name}"))
}

/// (paragraph, entity, surface, rule) of every mention `mentions` prints.
fn mentions(args: &[&str]) -> Vec<(String, String, String, String)> {
    let out = stdout_of(cablegraph().arg("mentions").arg("-q").args(args));
    let mut rdr = csv::Reader::from_reader(out.as_slice());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (p, e, s, r) = (col("paragraph"), col("entity"), col("surface"), col("rule"));
    rdr.records()
        .map(|x| {
            let x = x.unwrap();
            (
                x[p].to_string(),
                x[e].to_string(),
                x[s].replace('\n', " "),
                x[r].to_string(),
            )
        })
        .collect()
}

fn entities(args: &[&str]) -> Vec<String> {
    mentions(args).into_iter().map(|m| m.1).collect()
}

fn explain(args: &[&str]) -> String {
    String::from_utf8(stdout_of(cablegraph().arg("explain").arg("-q").args(args))).unwrap()
}

#[test]
fn mentions_csv_has_the_rule_column_after_alias() {
    let out = stdout_of(cablegraph().args(["mentions", "-q", &ctx("mexico.txt")]));
    let header = String::from_utf8(out)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        header,
        "cable,paragraph,entity,label,type,surface,start,end,alias,rule,ocr"
    );
    let dir = common::extract(&[&ctx("mexico.txt")]);
    let (h, rows) = read_csv(&dir.path().join("out/mentions.csv"));
    assert_eq!(h[9], "rule");
    assert!(rows.iter().all(|r| r["rule"] == "origin"), "{rows:?}");
}

/// Right Mexican mentions stay in a Mexico cable: the origin post decides.
#[test]
fn a_mexico_cable_keeps_its_mexican_entities() {
    let m = mentions(&[&ctx("mexico.txt")]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.1.as_str(), x.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("mx-gom", "origin"),
            ("mx-person-felipe-calderon", "origin"),
            ("mx-pf", "origin"),
            ("mx-afi", "origin"),
            ("mx-pgr", "origin"),
            ("mx-ssp", "origin"),
            ("mx-party-pt", "origin"),
            ("mx-party-prd", "origin"),
            ("mx-chamber-of-deputies", "origin"),
        ]
    );
}

/// A Washington cable about Mexico: the TAGS decide.
#[test]
fn tags_make_a_cable_about_a_country() {
    let m = mentions(&[&ctx("state.txt")]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.1.as_str(), x.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("mx-pgr", "tags"),
            ("prog-merida-initiative", "tags"),
            ("mx-pf", "tags")
        ]
    );
}

/// Brasilia: the cable defines PT as the Workers' Party, so no PT is
/// Mexico's Labor Party; Brazil's Federal Police is not Mexico's; a
/// qualified Mexican name stays.
#[test]
fn brasilia_definitions_and_qualifiers() {
    let m = mentions(&[&ctx("brasilia.txt")]);
    let got: Vec<(&str, &str, &str)> = m
        .iter()
        .map(|x| (x.1.as_str(), x.2.as_str(), x.3.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("br-party-pt", "Workers' Party (PT)", "origin"),
            ("br-party-pt", "PT", "defined"),
            ("br-federal-police", "Federal Police", "origin"),
            ("br-party-pt", "PT", "defined"),
            ("br-federal-police", "Federal Police", "qualified"),
            ("us-fbi-legat", "FBI legal attache", "default"),
            (
                "mx-person-felipe-calderon",
                "President Calderon",
                "qualified"
            ),
            ("mx-pf", "Mexican Federal Police", "qualified"),
            ("br-party-pt", "PT", "defined"),
            ("prog-bolsa-familia", "Bolsa Familia program", "alias"),
        ]
    );
    // without the stage, every PT but the defining one (the longest
    // match there is Brazil's own row) and every Federal Police is Mexican
    let raw = entities(&["--no-context", &ctx("brasilia.txt")]);
    assert_eq!(
        raw.iter().filter(|e| *e == "mx-party-pt").count(),
        3,
        "{raw:?}"
    );
    assert_eq!(raw.iter().filter(|e| *e == "mx-pf").count(), 3, "{raw:?}");
    let m = mentions(&["--no-context", &ctx("brasilia.txt")]);
    assert!(m.iter().all(|x| x.3 == "match"), "{m:?}");
    // the bare PT is re-linked to the long form's entity, Brazil's party
    let out = explain(&[&ctx("brasilia.txt")]);
    assert!(
        out.contains(
            "brasilia¶2\tmatch\tbr-party-pt (organization)\tre-linked from mx-party-pt (alias \
             \"PT\"), defined: ¶1 defines PT = Workers' Party, an alias of br-party-pt"
        ),
        "{out}"
    );
    // Brazil's Federal Police is Brazil's own body
    assert!(
        out.contains(
            "re-linked from mx-pf (alias \"Federal Police\"), qualified: qualified by \
             \"Brazil's\": Brazil's br-federal-police"
        ),
        "{out}"
    );
}

/// Rabat: "Government of Morocco's (GOM's)" — every GOM in that cable is
/// Morocco's, and no edge ties al-Qaida to the Mexican government.
#[test]
fn rabat_gom_is_the_government_of_morocco() {
    let got = entities(&[&ctx("rabat.txt")]);
    // the government rule (on by default) makes every GOM Morocco's
    // government, a discovered node; the first al-Qaida is "al-Qaida in the
    // Islamic Maghreb", the longer name
    let gom = "d-government-of-morocco";
    assert_eq!(
        got,
        [
            gom,
            gom,
            "grp-aqim",
            gom,
            gom,
            "grp-al-qaida",
            gom,
            "grp-al-qaida"
        ]
    );
    let dir = common::extract(&[&ctx("rabat.txt")]);
    let (_, edges) = read_csv(&dir.path().join("out/edges.csv"));
    let pairs: Vec<(&str, &str)> = edges
        .iter()
        .map(|e| (e["Source"].as_str(), e["Target"].as_str()))
        .collect();
    assert_eq!(pairs, [(gom, "grp-al-qaida"), (gom, "grp-aqim")]);
    let got = entities(&["--no-discovery", &ctx("rabat.txt")]);
    assert_eq!(got, ["grp-aqim", "grp-al-qaida", "grp-al-qaida"]);
    let out = explain(&[&ctx("rabat.txt"), "--entity", "mx-gom"]);
    let rejected: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("rejected (defined)"))
        .collect();
    assert_eq!(rejected.len(), 4, "{out}");
    assert!(
        rejected[0].contains("¶1 defines GOM = Government of Morocco, which is no name of mx-gom"),
        "{out}"
    );
    let dir = common::extract(&["--no-discovery", &ctx("rabat.txt")]);
    let (_, edges) = read_csv(&dir.path().join("out/edges.csv"));
    assert!(edges.is_empty(), "{edges:?}");
    // the same cable without the stage links them
    let dir = common::extract(&["--no-context", &ctx("rabat.txt")]);
    let (_, edges) = read_csv(&dir.path().join("out/edges.csv"));
    let pairs: Vec<(&str, &str)> = edges
        .iter()
        .map(|e| (e["Source"].as_str(), e["Target"].as_str()))
        .collect();
    assert_eq!(pairs, [("grp-al-qaida", "mx-gom"), ("grp-aqim", "mx-gom")]);
}

/// Harare: the PF of ZANU-PF is no police; a Zimbabwean Attorney
/// General's Office is not Mexico's PGR.
#[test]
fn harare_compounds_and_generic_names() {
    // ZANU-PF and the MDC are Zimbabwe's parties (their own gazetteer rows)
    assert_eq!(
        entities(&[&ctx("harare.txt")]),
        [
            "zw-party-zanu-pf",
            "zw-party-mdc",
            "zw-party-zanu-pf",
            "int-eu",
            "zw-party-zanu-pf"
        ]
    );
    let out = explain(&[&ctx("harare.txt")]);
    assert!(
        out.contains("mx-pf (agency)\t\"PF\" inside \"ZANU-PF\""),
        "{out}"
    );
    assert!(
        out.contains(
            "ni-pgr (agency)\trejected (scope): cable about Zimbabwe (origin Embassy Harare, \
             TAGS ZI); Nicaragua not named in the paragraph"
        ),
        "{out}"
    );
}

/// Seoul: "NSA Kim" and "Deputy NSA" are a national security adviser, the
/// ROK National Security Council is not the U.S. one; the White House of a
/// presidential visit is the U.S. one.
#[test]
fn seoul_titles_and_foreign_councils() {
    let m = mentions(&[&ctx("seoul.txt")]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.1.as_str(), x.3.as_str())).collect();
    assert_eq!(got, [("us-white-house", "default")]);
    let out = explain(&[&ctx("seoul.txt")]);
    for want in [
        "us-nsa (agency)\trejected (title): a title before a name: \"NSA Kim\"",
        "us-nsa (agency)\trejected (title): a title: \"Deputy NSA\"",
        "us-nsc (agency)\trejected (qualified): qualified by \"ROK\": South Korea, not United States",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

/// Moscow: Russia's White House and Attorney General's Office, and an
/// Iraqi militia whose name ends with Hizballah's.
#[test]
fn moscow_qualifiers_and_longer_names() {
    // only Russia's own: Putin, Lavrov, the FSB
    assert_eq!(
        entities(&[&ctx("moscow.txt")]),
        [
            "ru-person-vladimir-putin",
            "ru-person-sergey-lavrov",
            "ru-fsb"
        ]
    );
    let out = explain(&[&ctx("moscow.txt")]);
    for want in [
        "us-white-house (agency)\trejected (qualified): qualified by \"Russian\": Russia, not United States",
        "ni-pgr (agency)\trejected (qualified): qualified by \"Russian\": Russia, not Nicaragua",
        "grp-hizballah (group)\trejected (boundary): tail of the longer name \"Kata'ib Hizbollah\"",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
    let raw = entities(&["--no-context", &ctx("moscow.txt")]);
    assert_eq!(
        raw,
        [
            "ru-person-vladimir-putin",
            "us-white-house",
            "ni-pgr",
            "ru-person-sergey-lavrov",
            "grp-hizballah",
            "ru-fsb"
        ]
    );
}

/// Caracas: the state of Merida is no Merida Initiative; the cable names
/// Mexico, so the distinctive SEDENA stays; the Attorney General's Office
/// is Venezuela's (its Public Ministry), not Mexico's PGR; a bare
/// "Chavez's" in a Caracas cable is Hugo Chávez (his `surname`).
#[test]
fn caracas_places_and_naming() {
    let m = mentions(&[&ctx("caracas.txt")]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.1.as_str(), x.3.as_str())).collect();
    assert_eq!(
        got,
        [
            ("ve-person-hugo-chavez", "origin"),
            ("mx-sedena", "named"),
            ("ve-public-ministry", "origin")
        ]
    );
    let out = explain(&[&ctx("caracas.txt"), "--entity", "prog-merida-initiative"]);
    assert_eq!(
        out.matches("rejected (place): a place: \"in Merida\"")
            .count(),
        2,
        "{out}"
    );
}

/// San Salvador: the Merida Initiative covered Central America too (2008–2009),
/// so a Salvadoran cable's "Merida Initiative" and bare "Merida" are it,
/// though the cable never names Mexico.
#[test]
fn the_merida_initiative_in_a_central_american_cable() {
    let m = mentions(&[&ctx("san-salvador.txt")]);
    let merida: Vec<&str> = m
        .iter()
        .filter(|x| x.1 == "prog-merida-initiative")
        .map(|x| x.2.as_str())
        .collect();
    assert_eq!(merida, ["Merida Initiative", "Merida"], "{m:?}");
}

/// The seed keeps every mention (its origin is Embassy Mexico); a generic
/// name several countries' bodies share (`Attorney General's Office`,
/// `navy`), which the matcher alone gives to its first owner, is Mexico's.
#[test]
fn the_seed_is_untouched_by_the_stage() {
    let with = mentions(&[&fixture("09MEXICO283.txt")]);
    let without = mentions(&["--no-context", &fixture("09MEXICO283.txt")]);
    assert!(!with.is_empty());
    let at = |v: &[(String, String, String, String)]| -> Vec<(String, String)> {
        v.iter().map(|x| (x.0.clone(), x.2.clone())).collect()
    };
    assert_eq!(at(&with), at(&without));
    let relinked: Vec<(&str, &str)> = with
        .iter()
        .zip(&without)
        .filter(|(w, wo)| w.1 != wo.1)
        .map(|(w, _)| (w.1.as_str(), w.2.as_str()))
        .collect();
    assert_eq!(
        relinked,
        [
            ("mx-pgr", "Attorney General's  office"),
            ("mx-semar", "navy"),
            ("mx-pgr", "Attorney  General's office")
        ]
    );
    // Mexican entities by the origin post, acronyms by the cable's own
    // definitions, the rest on their alias or as U.S. bodies
    for x in &with {
        let want: &[&str] = if x.1.starts_with("mx-") {
            &["origin", "defined", "qualified"]
        } else {
            &["origin", "defined", "alias", "default"]
        };
        assert!(want.contains(&x.3.as_str()), "{x:?}");
    }
}

/// `gazetteer check` warns about short acronyms and common-word names
/// with no country, and accepts them once scoped (exit 0 either way).
#[test]
fn check_warns_about_unscoped_short_acronyms_and_common_words() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.csv");
    std::fs::write(
        &g,
        "id,type,name,aliases,notes,country,scope\n\
         a,agency,Federal Police,PF,,,\n\
         b,party,Labor Party,PT,,MX,local\n\
         c,organization,United Nations,UN,,,any\n\
         d,agency,Zeta Agency,ZAG,,QQ,\n",
    )
    .unwrap();
    let out = cablegraph()
        .args(["gazetteer", "check", g.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    let at = |n: u32| format!("{}:{n}: warning: ", g.display());
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with(&format!(
            "{}a alias \"Federal Police\" is a name made only of common words",
            at(2)
        )),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{}a alias \"PF\" is an acronym of up to three letters",
            at(2)
        )),
        "{stderr}"
    );
    assert!(
        lines[2].starts_with(&format!(
            "{}country \"QQ\" is not in the TAGS country table",
            at(5)
        )),
        "{stderr}"
    );
}

/// A generic name goes to the cable's country when the gazetteer has that
/// country's body ("Colombian Attorney General's Office"), else to nothing.
#[test]
fn generic_names_resolve_to_the_cable_s_country() {
    let (_dir, f) = written(
        "bogota.txt",
        "FM AMEMBASSY BOGOTA\nTO SECSTATE WASHDC\nTAGS: PGOV KJUS CO\nSUBJECT: JUSTICE\n\n\
         1. (C) The Attorney General's Office indicted two officials. The\n\
         Federal Police of Brazil helped.\n",
    );
    let m = mentions(&[f.as_str()]);
    let got: Vec<(&str, &str, &str)> = m
        .iter()
        .map(|x| (x.1.as_str(), x.2.as_str(), x.3.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("co-fiscalia", "Attorney General's Office", "origin"),
            ("br-federal-police", "Federal Police of Brazil", "qualified")
        ]
    );
    let out = explain(&[f.as_str(), "--entity", "co-fiscalia"]);
    assert!(
        out.contains(
            "re-linked from ni-pgr (alias \"Attorney General's Office\"), origin: cable about \
             Colombia (origin Embassy Bogota, TAGS CO): that country's co-fiscalia"
        ),
        "{out}"
    );
}

/// A generic name several countries' bodies share (`Supreme Court`, each
/// country's own row, scope local) is the body of the cable's origin
/// country, even where the TAGS or the paragraph name another; a country
/// word before it picks that country's; a cable from elsewhere takes the
/// TAGS' country; a country with no such body has no mention.
#[test]
fn a_shared_generic_name_is_the_cable_s_country_s_body() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("bodies.csv");
    std::fs::write(
        &g,
        "id,type,name,aliases,notes,country,scope\n\
         hn-court,agency,Supreme Court of Honduras,Supreme Court|Honduran Supreme Court,,HO,local\n\
         gt-court,agency,Supreme Court of Guatemala,Supreme Court|Guatemalan Supreme Court,,GT,local\n\
         gt-police,agency,National Civil Police of Guatemala,National Civil Police|PNC,,GT,local\n\
         sv-police,agency,National Civil Police of El Salvador,National Civil Police|PNC,,ES,local\n\
         gt-army,agency,Army of Guatemala,Army|Guatemalan Army,,GT,local\n\
         us-army,agency,U.S. Army,Army|U.S. Army,,US,country\n",
    )
    .unwrap();
    let check = cablegraph()
        .args(["gazetteer", "check", g.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let gz = g.to_str().unwrap();
    let run = |text: &str| -> Vec<(String, String)> {
        let (_d, f) = written("c.txt", text);
        mentions(&["-g", gz, f.as_str()])
            .into_iter()
            .map(|m| (m.1, m.3))
            .collect()
    };
    let pair = |e: &str, r: &str| (e.to_string(), r.to_string());
    // Guatemala City, TAGS naming Honduras first: Guatemala's court and police
    assert_eq!(
        run(
            "FM AMEMBASSY GUATEMALA\nTO SECSTATE WASHDC\nTAGS: PGOV HO GT\nSUBJECT: COURTS\n\n\
             1. (C) In Honduras the Supreme Court and the PNC met.\n\n\
             2. (C) The Honduran Supreme Court disagreed.\n"
        ),
        [
            pair("gt-court", "origin"),
            pair("gt-police", "origin"),
            pair("hn-court", "qualified")
        ]
    );
    // a cable from a country with no such body, tagged US: no U.S. body
    assert_eq!(
        run(
            "FM AMEMBASSY ALGIERS\nTO SECSTATE WASHDC\nTAGS: PGOV AG US\nSUBJECT: ARMY\n\n\
             1. (C) Bouteflika said the army saved the state.\n"
        ),
        []
    );
    // a mention given to a later owner shows the alias it was found by
    let (_d, f) = written(
        "g.txt",
        "FM AMEMBASSY GUATEMALA\nTO SECSTATE WASHDC\nTAGS: PGOV GT\nSUBJECT: C\n\n\
         1. (C) The Supreme Court ruled.\n",
    );
    let out = stdout_of(cablegraph().args(["mentions", "-q", "-g", gz, f.as_str()]));
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(out.as_slice())
        .records()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!((&rows[0][2], &rows[0][8]), ("gt-court", "Supreme Court"));
    // San Salvador: El Salvador's police; no Salvadoran court in this gazetteer
    assert_eq!(
        run(
            "FM AMEMBASSY SAN SALVADOR\nTO SECSTATE WASHDC\nTAGS: PGOV ES\nSUBJECT: POLICE\n\n\
             1. (C) The Supreme Court ruled; the National Civil Police obeyed.\n"
        ),
        [pair("sv-police", "origin")]
    );
    // the Department, about Honduras: Honduras's court by the TAGS
    assert_eq!(
        run(
            "FM SECSTATE WASHDC\nTO AMEMBASSY TEGUCIGALPA\nTAGS: PGOV HO\nSUBJECT: COURT\n\n\
             1. (C) The Supreme Court ruled.\n"
        ),
        [pair("hn-court", "tags")]
    );
    // about Guatemala: Guatemala's army, not the U.S. Army of the origin
    assert_eq!(
        run(
            "FM SECSTATE WASHDC\nTO AMEMBASSY GUATEMALA\nTAGS: PGOV GT\nSUBJECT: ARMY\n\n\
             1. (C) The Army deployed; the U.S. Army trained it.\n"
        ),
        [pair("gt-army", "tags"), pair("us-army", "qualified")]
    );
}

/// A bare surname after another first name is someone else ("Ed
/// Miliband" is not David Miliband) or a place ("Puerto Cabello"); after a
/// title it is the person. A definition the acronym finder cut short
/// ("People's Party" out of "Pakistan People's Party (PPP)") does not take
/// the PPP to Spain's People's Party in a cable about Pakistan.
#[test]
fn other_names_and_cut_definitions() {
    let (_l, london) = written(
        "london.txt",
        "FM AMEMBASSY LONDON\nTO SECSTATE WASHDC\nTAGS: PREL UK\nSUBJECT: CLIMATE\n\n\
         1. (C) Energy Secretary Ed Miliband met the Chinese. Foreign\n\
         Secretary Miliband did not.\n",
    );
    let m = mentions(&[&london]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.1.as_str(), x.2.as_str())).collect();
    // (Ed Miliband is a gazetteer person of his own since session 35)
    assert_eq!(
        got,
        [
            ("uk-person-ed-miliband", "Ed Miliband"),
            ("uk-person-david-miliband", "Foreign Secretary Miliband")
        ]
    );
    let (_c, caracas) = written(
        "caracas.txt",
        "FM AMEMBASSY CARACAS\nTO SECSTATE WASHDC\nTAGS: PGOV VE\nSUBJECT: PORTS\n\n\
         1. (C) The port of Puerto Cabello is congested. Minister Cabello\n\
         blamed the customs service.\n",
    );
    let m = mentions(&[&caracas]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.1.as_str(), x.2.as_str())).collect();
    assert_eq!(got, [("ve-person-diosdado-cabello", "Cabello")]);
    assert_eq!(m[0].0, "1");
    let out = explain(&[&caracas, "--entity", "ve-person-diosdado-cabello"]);
    assert!(
        out.contains("rejected (boundary): tail of the longer name \"Puerto Cabello\""),
        "{out}"
    );
    let (_i, islamabad) = written(
        "islamabad.txt",
        "FM AMEMBASSY ISLAMABAD\nTO SECSTATE WASHDC\nTAGS: PGOV PK\nSUBJECT: COALITION\n\n\
         1. (C) A PML-N/PPP alliance would be good.\n\n\
         2. (C) In response to Ambassador\u{2019}s question about whether PML-N could work with \
         the Pakistan People\u{2019}s Party (PPP) in a possible coalition government, Nawaz \
         agreed.\n",
    );
    let ids = entities(&[&islamabad]);
    assert!(!ids.iter().any(|e| e == "es-party-pp"), "{ids:?}");
    assert_eq!(
        ids.iter().filter(|e| *e == "pk-party-ppp").count(),
        2,
        "{ids:?}"
    );
}

/// A country word before an international group's name is another
/// country's group ("Nigerian Taliban"); "a National Security Council-like
/// body" is a kind of body, not the U.S. council.
#[test]
fn qualified_groups_and_kinds_of_body() {
    let (_dir, f) = written(
        "abuja.txt",
        "FM AMEMBASSY ABUJA\nTO SECSTATE WASHDC\nTAGS: PTER NI\nSUBJECT: SECT\n\n\
         1. (C) Muhammad Yusuf's Nigerian Taliban attacked police. Brazil set up a National \
         Security Council-like body. Al-Qaida and the Taliban were not involved. Baitullah \
         Mehsud's Tehrik-i-Taliban claimed it.\n",
    );
    assert_eq!(
        entities(&[f.as_str()]),
        ["grp-al-qaida", "grp-taliban", "grp-ttp"]
    );
    let out = explain(&[f.as_str()]);
    assert!(
        out.contains("rejected (qualified): qualified by \"Nigerian\": another country's group"),
        "{out}"
    );
    assert!(
        out.contains("\"National Security Council-like\": a kind of body"),
        "{out}"
    );
}

/// A group's home, read from its gazetteer notes, is no other country:
/// "Lebanese Hizballah" is Hizballah, and so is "Iran's Hizballah proxy"
/// (a possessive names whose proxy, not whose group).
#[test]
fn a_groups_own_country_and_a_possessive_keep_the_group() {
    let (_dir, f) = written(
        "amman.txt",
        "FM AMEMBASSY AMMAN\nTO SECSTATE WASHDC\nTAGS: PTER JO\nSUBJECT: PROXIES\n\n\
         1. (C) Lebanese Hizballah trained the cell.\n\n\
         2. (C) Iran's Hizballah proxy sent money.\n",
    );
    let m = mentions(&[f.as_str()]);
    let hits: Vec<(&str, &str)> = m
        .iter()
        .filter(|x| x.1 == "grp-hizballah")
        .map(|x| (x.0.as_str(), x.2.as_str()))
        .collect();
    assert_eq!(hits.len(), 2, "{m:?}");
}

/// In a cable from a country that has its own group of the name, a bare
/// "Taliban" is that country's group unless the paragraph names the
/// group's home: an Islamabad cable's Swat Taliban are the TTP, its
/// Taliban "in Afghanistan" and its "Afghan Taliban" are not.
#[test]
fn a_bare_group_name_in_a_cable_from_a_country_with_its_own_group() {
    let (_dir, f) = written(
        "islamabad.txt",
        "FM AMEMBASSY ISLAMABAD\nTO SECSTATE WASHDC\nTAGS: PTER PK\nSUBJECT: SWAT\n\n\
         1. (C) In Swat the Taliban beheaded four elders.\n\n\
         2. (C) The Taliban fighting in Afghanistan rest across the border.\n\n\
         3. (C) The Afghan Taliban leadership meets in Quetta.\n",
    );
    let m = mentions(&[f.as_str()]);
    let by_para: Vec<(&str, &str)> = m
        .iter()
        .filter(|x| x.1.starts_with("grp-"))
        .map(|x| (x.0.as_str(), x.1.as_str()))
        .collect();
    assert_eq!(
        by_para,
        [("1", "grp-ttp"), ("2", "grp-taliban"), ("3", "grp-taliban")],
        "{m:?}"
    );
    let out = explain(&[f.as_str()]);
    assert!(out.contains("grp-ttp"), "{out}");
}

/// "Senator Kirchner" (and "Senadora Kirchner") is Cristina Fernández de
/// Kirchner: Néstor never sat in the Senate. A bare "Kirchner" stays
/// Néstor's.
#[test]
fn senator_kirchner_is_cristina() {
    let (_dir, f) = written(
        "ba.txt",
        "FM AMEMBASSY BUENOS AIRES\nTO SECSTATE WASHDC\nTAGS: PGOV AR\nSUBJECT: DECREES\n\n\
         1. (C) Senator Kirchner's bill on decrees passed the upper house. President \
         Kirchner will sign it. Senadora Kirchner spoke for two hours.\n",
    );
    let m = mentions(&[f.as_str()]);
    let got: Vec<(&str, &str)> = m.iter().map(|x| (x.2.as_str(), x.1.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                "Senator Kirchner",
                "ar-person-cristina-fernandez-de-kirchner"
            ),
            ("President Kirchner", "ar-person-nestor-kirchner"),
            (
                "Senadora Kirchner",
                "ar-person-cristina-fernandez-de-kirchner"
            ),
        ],
        "{m:?}"
    );
}

/// A head of state's bare surname (the gazetteer's `surname` column:
/// "Chávez", "Morales") is the person in a cable about the person's country
/// — its origin, its TAGS or the country named in the text — where no one
/// else of that surname appears: not after a given name or a title, not
/// while another person's name holds it, not in a cable about elsewhere.
#[test]
fn a_bare_surname_is_the_head_of_state_only_where_no_one_else_has_it() {
    let cable = |post: &str, tags: &str, body: &str| {
        format!(
            "FM AMEMBASSY {post}\nTO SECSTATE WASHDC\nTAGS: {tags}\nSUBJECT: POLITICS\n\n\
             1. (C) {body}\n"
        )
    };
    let of = |name: &str, text: String, who: &str| -> Vec<(String, String)> {
        let (_dir, f) = written(name, &text);
        mentions(&[f.as_str()])
            .into_iter()
            .filter(|m| m.1 == who)
            .map(|m| (m.2, m.3))
            .collect()
    };
    let pair = |s: &str, r: &str| (s.to_string(), r.to_string());
    let hugo = "ve-person-hugo-chavez";
    let evo = "bl-person-evo-morales";
    // the origin's head of state, also after an English word opening a
    // sentence
    let text = cable(
        "CARACAS",
        "PGOV VE",
        "Chavez spoke for six hours. When Chavez ended,\nthe crowd left.",
    );
    assert_eq!(
        of("caracas.txt", text, hugo),
        [pair("Chavez", "origin"), pair("Chavez", "origin")]
    );
    // a cable from elsewhere that names Venezuela
    let text = cable(
        "BRASILIA",
        "PREL BR",
        "Lula will visit Venezuela. Itamaraty expects Chavez to raise the bank.",
    );
    assert_eq!(of("brasilia.txt", text, hugo), [pair("Chavez", "named")]);
    // a cable not about Venezuela
    let text = cable("MADRID", "PGOV SP", "Chavez spoke on the radio.");
    assert_eq!(of("madrid.txt", text, hugo), []);
    // another person's name holds the surname: Mexico's Attorney General
    let text = cable(
        "MEXICO",
        "PGOV KJUS MX VE",
        "Attorney General Arturo Chavez Chavez met Venezuelan officials.\n\
         Chavez said the PGR would cooperate.",
    );
    assert_eq!(of("mexico.txt", text, hugo), []);
    // a title before the surname: someone else of that name
    let text = cable(
        "LA PAZ",
        "PGOV BL",
        "Vice Minister Morales said eradication would slow. Morales added\n\
         that the police agreed.",
    );
    assert_eq!(of("lapaz.txt", text, evo), []);
    // a given name before it, on the next line
    let text = cable(
        "LA PAZ",
        "PGOV BL",
        "Senator Juan\nMorales objected. Morales is from Santa Cruz.",
    );
    assert_eq!(of("lapaz2.txt", text, evo), []);
    // a capitalised word after it that is no English word: someone else's
    // longer name, so no bare use in that cable is the person
    let ortega = "ni-person-daniel-ortega";
    let text = cable("MANAGUA", "PGOV NU", "Ortega's party met.");
    assert_eq!(of("managua.txt", text, ortega), [pair("Ortega", "origin")]);
    let text = cable(
        "MANAGUA",
        "PGOV NU",
        "Ortega Reyes\nobjected. Ortega's party agreed.",
    );
    assert_eq!(of("managua2.txt", text, ortega), []);
    // the person's own forms are aliases, matched as the longer name
    let text = cable(
        "LA PAZ",
        "PGOV BL",
        "Evo Morales spoke in El Alto. President Morales then flew on, and\n\
         Morales's ministers followed.",
    );
    assert_eq!(
        of("lapaz3.txt", text, evo),
        [
            pair("Evo Morales", "origin"),
            pair("President Morales", "origin"),
            pair("Morales", "origin")
        ]
    );
    // without the resolve stage a bare surname is never the person
    let (_dir, f) = written(
        "caracas2.txt",
        &cable(
            "CARACAS",
            "PGOV VE",
            "Chavez spoke. Hugo Chavez spoke again.",
        ),
    );
    let got: Vec<String> = mentions(&["--no-context", f.as_str()])
        .into_iter()
        .filter(|m| m.1 == hugo)
        .map(|m| m.2)
        .collect();
    assert_eq!(got, ["Hugo Chavez"]);
    // explain says why
    let (_dir, f) = written(
        "lapaz4.txt",
        &cable(
            "LA PAZ",
            "PGOV BL",
            "Vice Minister Morales said so. Morales added more.",
        ),
    );
    let out = explain(&[f.as_str(), "--entity", evo]);
    assert!(
        out.contains("a bare surname after \"Minister\": someone else's name"),
        "{out}"
    );
    assert!(
        out.contains("the cable names someone else \"Morales\""),
        "{out}"
    );
}

/// A cable's own definition that shares only a word of reach
/// ("International") with a gazetteer name is no name of it: "International
/// Oil Companies (IOC)" is not the International Olympic Committee, whose
/// own definition still is.
#[test]
fn a_definition_sharing_only_international_is_another_body() {
    let text = |body: &str| {
        format!(
            "FM AMEMBASSY ABUJA\nTO SECSTATE WASHDC\nTAGS: EPET NI\nSUBJECT: OIL\n\n\
             1. (C) {body}\n"
        )
    };
    let ioc = |name: &str, body: &str| -> Vec<String> {
        let (_dir, f) = written(name, &text(body));
        mentions(&[f.as_str()])
            .into_iter()
            .filter(|m| m.1 == "int-organization-ioc")
            .map(|m| m.2)
            .collect()
    };
    assert_eq!(
        ioc(
            "oil.txt",
            "The International Oil Companies (IOC) are concerned. The IOC met."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        ioc(
            "olympics.txt",
            "The International Olympic Committee (IOC) visited. The IOC left."
        ),
        ["International Olympic Committee (IOC)", "IOC"]
    );
}
