//! Hostile input never panics: every parser answers with a value or an error. The same body
//! runs under `cargo fuzz run exposure_inputs`.

use proptest::prelude::*;
use ward_exposure::version::{parse_range, Verdict, Version};

#[test]
fn a_dozen_hostile_inputs() {
    let deep = "[".repeat(100_000);
    let long_line = format!(
        "name,vendor,product,version\n{},b,c,d\n",
        "a".repeat(1 << 20)
    );
    let deep_sbom = {
        let mut s = String::from(r#"{"bomFormat":"CycloneDX","specVersion":"1.5","components":"#);
        for _ in 0..60 {
            s.push_str(r#"[{"name":"x","components":"#);
        }
        s.push_str("[]");
        for _ in 0..60 {
            s.push_str("}]");
        }
        s.push('}');
        s
    };
    let inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"\xff\xfe\x00garbage".to_vec(),
        deep.into_bytes(),
        long_line.into_bytes(),
        deep_sbom.into_bytes(),
        b"{\"document\":{\"tracking\":{\"id\":\"X\"}},\"product_tree\":{\"branches\":[{\"category\":\"vendor\",\"name\":\"\",\"branches\":[{\"category\":\"product_version_range\",\"name\":\"<=\",\"product\":{}}]}]},\"vulnerabilities\":[{\"product_status\":{\"known_affected\":[null, 5]}}]}".to_vec(),
        b"{\"vulnerabilities\":[{\"cve\":{\"id\":\"CVE-1\",\"configurations\":[{\"nodes\":[{\"cpeMatch\":[{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:\\\\:::::::::::::::\",\"versionEndExcluding\":\"\"}]}]}]}}]}".to_vec(),
        b"cve,epss,percentile\nCVE-1,NaN,inf\n".to_vec(),
        b"#model_version\ncve,epss,percentile\n,,\n".to_vec(),
        b"name,vendor,product,version\n\"unterminated,b,c,d\n".to_vec(),
        "<= 99999999999999999999999999999999999999.x.x.x | >= ((( | vers:/".as_bytes().to_vec(),
        "Name,VENDOR,product,version,end_of_support\nä,ö,ü,1,9999-99-99\n".as_bytes().to_vec(),
        b"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"metadata\":{\"component\":{\"name\":\"\"}}}".to_vec(),
    ];
    for input in &inputs {
        ward_exposure::parse_everything(input);
    }
}

proptest! {
    /// Well-formed CSAF with arbitrary names and ranges, matched against an asset with
    /// arbitrary names: reaches the name folding, title fallback and range code with any text.
    #[test]
    fn arbitrary_names_in_well_formed_advisories(
        vendor in "\\PC{0,12}", product in "\\PC{0,16}", title in "\\PC{0,24}", range in "\\PC{0,16}",
        asset_vendor in "\\PC{0,12}", asset_product in "\\PC{0,16}", version in "\\PC{0,8}",
        same_names in any::<bool>(),
    ) {
        // Half the cases name the advisory's own product, so that matching and ranking run.
        let (asset_vendor, asset_product) = if same_names {
            (vendor.clone(), format!("{product} {asset_product}"))
        } else {
            (asset_vendor, asset_product)
        };
        let doc = serde_json::json!({
            "document": {"title": title, "tracking": {"id": "ICSMA-00-000-00"}},
            "product_tree": {"branches": [{"category": "vendor", "name": vendor, "branches": [
                {"category": "product_name", "name": product, "branches": [
                    {"category": "product_version_range", "name": range,
                     "product": {"name": product, "product_id": "P1"}}]}]}]},
            "vulnerabilities": [{"cve": "CVE-2000-0001", "product_status": {"known_affected": ["P1"]},
                "remediations": [{"category": "vendor_fix", "details": format!("version {version}"), "product_ids": ["P1"]}]}]
        });
        let adv = ward_exposure::Advisory::from_json("a.json", doc.to_string().as_bytes()).unwrap();
        let inv = ward_exposure::Inventory {
            assets: vec![ward_exposure::Asset::new("x", &asset_vendor, &asset_product, Some(&version))],
            problems: vec![],
        };
        let sources = ward_exposure::Sources { advisories: vec![adv], ..Default::default() };
        let _ = ward_exposure::assess(&inv, &sources, ward_exposure::NaiveDate::MIN);
    }

    #[test]
    fn any_text_is_read_or_rejected(s in "\\PC{0,64}") {
        let _ = parse_range(&s);
        ward_exposure::parse_everything(s.as_bytes());
    }

    #[test]
    fn numeric_versions_order_like_tuples(a in proptest::collection::vec(0u32..1000, 1..5), b in proptest::collection::vec(0u32..1000, 1..5)) {
        let text = |v: &Vec<u32>| v.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
        let (va, vb) = (Version::parse(&text(&a)).unwrap(), Version::parse(&text(&b)).unwrap());
        // Trailing zeros do not count: 1.2 == 1.2.0.
        let trim = |v: &Vec<u32>| { let mut v = v.clone(); while v.len() > 1 && v.last() == Some(&0) { v.pop(); } v };
        prop_assert_eq!(va.cmp(&vb), trim(&a).cmp(&trim(&b)));
    }

    #[test]
    fn bounds_behave_as_written(v in proptest::collection::vec(0u32..50, 1..4), w in proptest::collection::vec(0u32..50, 1..4)) {
        let text = |v: &Vec<u32>| v.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
        let (tv, tw) = (text(&v), text(&w));
        let x = Version::parse(&tw).unwrap();
        let bound = Version::parse(&tv).unwrap();
        let verdict = |r: &str| parse_range(r).unwrap().spec.verdict(Some(&x));
        let expect = |b: bool| if b { Verdict::Affected } else { Verdict::NotAffected };
        prop_assert_eq!(verdict(&format!("<= {tv}")), expect(x <= bound));
        prop_assert_eq!(verdict(&format!("<{tv}")), expect(x < bound));
        prop_assert_eq!(verdict(&format!(">= {tv}")), expect(x >= bound));
        prop_assert_eq!(verdict(&format!(">= {tv} | <= {tv}")), expect(x == bound));
    }
}
