//! `eis landscape`: the support landscape of an area, optionally beside another.

use std::process::ExitCode;

use super::printer::Printer;
use crate::cache::Cache;
use crate::catalogue::{Area, Source};
use crate::i18n::Lang;
use crate::landscape::report::{ReportFormat, render};
use crate::landscape::{MatrixKind, survey};

super::value_enum! {
    /// The matrices, as the command line names them.
    MatrixArg => MatrixKind { SupportStage, ModeStage, NeedStage, DimensionStage, TierSupport }
}

super::value_enum! {
    /// The formats of the landscape report.
    FormatArg => ReportFormat { Text, Md, Csv, Json, Html }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The area: an ISO 3166 code (PL, PL-22), EU, or * for the whole catalogue.
    #[arg(long, default_value = "*", value_name = "AREA", value_parser = Area::parse_typed)]
    area: Area,
    /// A second area to set beside the first.
    #[arg(long, value_name = "AREA", value_parser = Area::parse_typed)]
    compare: Option<Area>,
    /// Only this matrix (default: all).
    #[arg(long, value_enum, value_name = "NAME")]
    matrix: Option<MatrixArg>,
    /// Count closed (historical) services too.
    #[arg(long)]
    closed: bool,
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
}

pub fn run(
    args: &Args,
    source: &Source,
    cache: Option<&Cache>,
    out: &mut Printer,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let catalogue = match super::load_compiled(source, cache, false) {
        Ok(compiled) => compiled.catalogue,
        Err(code) => return Ok(code),
    };
    let first = survey(&catalogue, &args.area, args.closed, lang);
    let second = args
        .compare
        .as_ref()
        .map(|area| survey(&catalogue, area, args.closed, lang));
    let kinds: Vec<MatrixKind> = args
        .matrix
        .map_or_else(|| MatrixKind::ALL.to_vec(), |k| vec![k.into()]);
    out.print(&render(
        &first,
        second.as_ref(),
        &kinds,
        args.format.into(),
        lang,
    )?)?;
    Ok(ExitCode::SUCCESS)
}
