//! Criterion benchmarks for the pipeline's stages on fixed inputs: the
//! seed cable (an OCR'd page) repeated into a larger text, and the shipped
//! gazetteer.
//!
//! ```text
//! cargo bench --bench stages
//! ```

use std::hint::black_box;

use cablegraph::cable::{text::parse_text, KnownMeta};
use cablegraph::gazetteer::Gazetteer;
use cablegraph::graph::{Aggregate, Located, Unit};
use cablegraph::matcher::{Matcher, Scratch};
use cablegraph::normalize::{normalize_into, Normalized};
use cablegraph::resolve::Resolver;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const SEED: &str = include_str!("../tests/fixtures/09MEXICO283.txt");

fn stages(c: &mut Criterion) {
    let cable = parse_text(SEED, "seed", &KnownMeta::default()).expect("seed parses");
    let body: String = cable
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let gaz = Gazetteer::builtin();
    let matcher = Matcher::new(&gaz).unwrap();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(SEED.len() as u64));
    g.bench_function("structure (parse the seed)", |b| {
        b.iter(|| parse_text(black_box(SEED), "seed", &KnownMeta::default()))
    });
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function("normalise (seed paragraphs)", |b| {
        let mut n = Normalized::new();
        b.iter(|| normalize_into(black_box(&body), &mut n))
    });
    g.bench_function("match (seed paragraphs, default gazetteer)", |b| {
        let mut scratch = Scratch::new();
        let mut out = Vec::new();
        b.iter(|| {
            out.clear();
            matcher.find_into(black_box(&body), &mut scratch, &mut out);
            out.len()
        })
    });
    let mut mentions = Vec::new();
    let mut scratch = Scratch::new();
    for (i, p) in cable.paragraphs.iter().enumerate() {
        let mut found = Vec::new();
        matcher.find_into(&p.text, &mut scratch, &mut found);
        mentions.extend(found.into_iter().map(|mention| Located {
            paragraph: i,
            mention,
        }));
    }
    g.throughput(Throughput::Elements(100));
    g.bench_function("aggregate (100 x the seed's mentions)", |b| {
        b.iter(|| {
            let mut agg = Aggregate::new();
            for _ in 0..100 {
                agg.add_cable(&gaz, &cable, &mentions, Unit::Paragraph, |_| {});
            }
            agg.graph(&gaz).edge_count()
        })
    });
    // the resolve stage on the seed (a Mexico cable: every candidate is
    // accepted by its origin) and on a Brasilia-style cable (definitions,
    // qualifiers, scope: every rule runs)
    let resolver = Resolver::new(&gaz, &matcher);
    let brasilia = parse_text(
        include_str!("../tests/fixtures/context/brasilia.txt"),
        "brasilia",
        &KnownMeta::default(),
    )
    .expect("fixture parses");
    for (name, c) in [("seed", &cable), ("brasilia fixture", &brasilia)] {
        let mut found = Vec::new();
        let mut defs = Vec::new();
        let mut n = Normalized::new();
        for (i, p) in c.paragraphs.iter().enumerate() {
            let mut f = Vec::new();
            matcher.find_into(&p.text, &mut scratch, &mut f);
            found.extend(f.into_iter().map(|mention| Located {
                paragraph: i,
                mention,
            }));
            normalize_into(&p.text, &mut n);
            defs.push((i, cablegraph::acronyms::find_in(&n)));
        }
        g.throughput(Throughput::Elements(found.len() as u64));
        g.bench_function(format!("resolve ({name}, per candidate)"), |b| {
            b.iter(|| {
                let mut ms = found.clone();
                resolver.resolve(black_box(c), &mut ms, &defs, None);
                ms.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
