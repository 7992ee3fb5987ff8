#include "tokenize/event_labels.h"

#include "model/text.h"
#include "tokenize/event_export.h"

namespace certdiag {
namespace {

struct Label {
  std::string_view text;
  EventField field;
};

// Labels as real pastes show them (see the field corpus, tests/field/): English, German,
// French, Spanish (native and Microsoft's machine translation), Japanese (Windows 10 and the older
// set). Matched without regard to ASCII case.
constexpr Label kLabels[] = {
    // English: Event Viewer, Windows Server 2003 Event Viewer, WMI Win32_NTLogEvent
    {"Log Name", EventField::log},
    {"Source", EventField::source},
    {"Date", EventField::date},
    {"Event ID", EventField::event_id},
    {"Task Category", EventField::other},
    {"Level", EventField::level},
    {"Opcode", EventField::other},
    {"Keywords", EventField::other},
    {"User", EventField::other},
    {"User Name", EventField::other},
    {"Computer", EventField::computer},
    {"Description", EventField::description},
    {"Event Xml", EventField::event_xml},
    {"Event Type", EventField::level},
    {"Event Source", EventField::source},
    {"Event Category", EventField::other},
    {"Time", EventField::time},
    {"LogFile", EventField::log},
    {"Event Code", EventField::event_id},
    {"Source Name", EventField::source},
    {"Time Written", EventField::date},
    {"Computer Name", EventField::computer},
    {"Category", EventField::other},
    {"Record Number", EventField::other},
    {"Message", EventField::description},
    // German
    {"Protokollname", EventField::log},
    {"Quelle", EventField::source},
    {"Datum", EventField::date},
    {"Ereignis-ID", EventField::event_id},
    {"Aufgabenkategorie", EventField::other},
    {"Taskkategorie", EventField::other},
    {"Ebene", EventField::level},
    {"Schlüsselwörter", EventField::other},
    {"Benutzer", EventField::other},
    {"Beschreibung", EventField::description},
    {"Ereignis-XML", EventField::event_xml},
    // French (Windows UI strings; no pasted block was found to confirm them)
    {"Nom du journal", EventField::log},
    {"ID de l’événement", EventField::event_id},
    {"ID de l'événement", EventField::event_id},
    {"Catégorie de la tâche", EventField::other},
    {"Niveau", EventField::level},
    {"Mots clés", EventField::other},
    {"Utilisateur", EventField::other},
    {"Ordinateur", EventField::computer},
    {"XML de l’événement", EventField::event_xml},
    // Spanish
    {"Nombre de registro", EventField::log},
    {"Origen", EventField::source},
    {"Fecha", EventField::date},
    {"Id. del evento", EventField::event_id},
    {"ID. de evento", EventField::event_id},
    {"Categoría de la tarea", EventField::other},
    {"Categoría de tarea", EventField::other},
    {"Nivel", EventField::level},
    {"Palabras clave", EventField::other},
    {"Usuario", EventField::other},
    {"Equipo", EventField::computer},
    {"Descripción", EventField::description},
    {"XML del evento", EventField::event_xml},
    // Japanese
    {"ログの名前", EventField::log},
    {"ログ名", EventField::log},
    {"ソース", EventField::source},
    {"日付", EventField::date},
    {"イベント ID", EventField::event_id},
    {"イベントID", EventField::event_id},
    {"タスクのカテゴリ", EventField::other},
    {"カテゴリ", EventField::other},
    {"レベル", EventField::level},
    {"キーワード", EventField::other},
    {"ユーザー", EventField::other},
    {"コンピューター", EventField::computer},
    {"コンピュータ", EventField::computer},
    {"説明", EventField::description},
    {"イベント XML", EventField::event_xml},
};

struct LevelWord {
  std::string_view text;
  Level level;
};

constexpr LevelWord kLevelWords[] = {
    {"Error", Level::error},           {"Critical", Level::error},
    {"Warning", Level::warning},       {"Information", Level::info},
    {"Verbose", Level::verbose},       {"Fehler", Level::error},
    {"Kritisch", Level::error},        {"Warnung", Level::warning},
    {"Informationen", Level::info},    {"Ausführlich", Level::verbose},
    {"Erreur", Level::error},          {"Critique", Level::error},
    {"Avertissement", Level::warning}, {"Commentaires", Level::verbose},
    {"Crítico", Level::error},         {"Advertencia", Level::warning},
    {"Información", Level::info},      {"Detallado", Level::verbose},
    {"エラー", Level::error},          {"重大", Level::error},
    {"警告", Level::warning},          {"情報", Level::info},
    {"詳細", Level::verbose},
};

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::string_view kNarrowNoBreakSpace = "\xE2\x80\xAF";
constexpr std::string_view kFullWidthColon = "\xEF\xBC\x9A";

// `text` without trailing spaces, tabs and no-break spaces.
std::string_view trim_end_unicode(std::string_view text) {
  for (;;) {
    if (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
      text.remove_suffix(1);
    } else if (text.ends_with(kNoBreakSpace)) {
      text.remove_suffix(kNoBreakSpace.size());
    } else if (text.ends_with(kNarrowNoBreakSpace)) {
      text.remove_suffix(kNarrowNoBreakSpace.size());
    } else {
      return text;
    }
  }
}

}  // namespace

bool parse_event_label_line(std::string_view line, EventLabelLine& out) {
  if (line.empty() || line[0] == ' ' || line[0] == '\t') return false;
  // The label ends at the first colon; labels are short.
  const std::string_view head = line.substr(0, 64);
  size_t colon = head.find(':');
  size_t colon_size = 1;
  if (const size_t wide = head.find(kFullWidthColon); wide < colon) {
    colon = wide;
    colon_size = kFullWidthColon.size();
  }
  if (colon == std::string_view::npos) return false;
  const std::string_view label = trim_end_unicode(line.substr(0, colon));
  for (const Label& known : kLabels) {
    if (iequals(label, known.text)) {
      out.field = known.field;
      out.label = label;
      out.value = trim(line.substr(colon + colon_size));
      return true;
    }
  }
  return false;
}

Level level_of_localized_word(std::string_view word) {
  word = trim(word);
  for (const LevelWord& known : kLevelWords) {
    if (iequals(word, known.text)) return known.level;
  }
  return Level::unknown;
}

}  // namespace certdiag
