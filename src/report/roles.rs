//! The role matrix as tables: which meeting (today) and which body (proposed) serves
//! which function, and the functions no meeting of a field serves. The data and its
//! rules are [`crate::analysis::role_matrix`]'s.

use crate::analysis::{Analysis, Role, RoleRow, Unserved, role_matrix};
use crate::lang::Lang;
use crate::report::phrases;
use crate::report::table::{Cell, Table};

/// The field labels of a row, joined.
fn fields(fields: &[String], lang: Lang) -> String {
    fields.iter().map(|f| field_label(f, lang)).collect::<Vec<_>>().join(lang.pick("・", ", "))
}

fn field_label(field: &str, lang: Lang) -> &str {
    if field == crate::proposal::CROSS_FIELD {
        return lang.pick("分野横断", "cross-field");
    }
    phrases::sector(field, lang)
}

/// `role_matrix` (before and after, one row per meeting or body) and `role_gaps`
/// (functions that no meeting of a field serves).
pub fn role_tables(analysis: &Analysis, lang: Lang) -> Vec<Table> {
    let matrix = role_matrix(analysis);
    let mut header: Vec<(&str, &str)> = vec![
        ("時点", "when"),
        ("ID", "id"),
        ("会議名", "name"),
        ("分野", "field"),
        ("階層", "tier"),
    ];
    let role_names: Vec<(&str, &str)> = Role::ALL
        .iter()
        .map(|&r| (phrases::role(r, Lang::Ja), phrases::role(r, Lang::En)))
        .collect();
    header.extend(role_names.iter().copied());
    let mut table =
        Table::new("role_matrix", lang, "会議の機能（役割マトリクス）", "Role matrix", &header);
    let mut push = |when: &str, rows: &[RoleRow]| {
        for row in rows {
            let mut cells: Vec<Cell> = vec![
                when.into(),
                row.id.clone().into(),
                row.name.clone().into(),
                fields(&row.fields, lang).into(),
                phrases::tier(row.tier, lang).into(),
            ];
            cells.extend(Role::ALL.iter().map(|&role| match row.serves(role) {
                Some(rule) => {
                    phrases::role_mark(rule, row.served_twice.contains(&role), lang).into()
                }
                None => Cell::from(""),
            }));
            table.rows.push(cells);
        }
    };
    push(lang.pick("現状", "before"), &matrix.before);
    push(lang.pick("提案", "after"), &matrix.after);
    let mut gaps = Table::new(
        "role_gaps",
        lang,
        "どの会議も担っていない機能（分野別）",
        "Functions no meeting serves, by field",
        &[
            ("時点", "when"),
            ("分野", "field"),
            ("担う会議のない機能", "functions no meeting serves"),
        ],
    );
    let mut push_gaps = |when: &str, unserved: &[Unserved]| {
        for u in unserved {
            let roles: Vec<&str> = u.roles.iter().map(|&r| phrases::role(r, lang)).collect();
            gaps.rows.push(vec![
                when.into(),
                field_label(&u.field, lang).into(),
                roles.join(lang.pick("、", "; ")).into(),
            ]);
        }
    };
    push_gaps(lang.pick("現状", "before"), &matrix.unserved_before);
    push_gaps(lang.pick("提案", "after"), &matrix.unserved_after);
    vec![table, gaps]
}
