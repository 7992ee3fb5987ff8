// The labels of Event Viewer's "Copy details as text" (and the Windows Server 2003 and WMI
// Win32_NTLogEvent copies that tickets still carry) in English, German, French, Spanish and
// Japanese, and the level words those copies write. Data only; tokenize/event_text.cpp reads the
// blocks.
#pragma once

#include <optional>
#include <string_view>

#include "model/record.h"

namespace certdiag {

enum class EventField {
  log,          // Log Name, Protokollname, Nom du journal, Nombre de registro, ログの名前
  source,       // Source, Quelle, Origen, ソース
  date,         // Date, Datum, Fecha, 日付 (a date and time, or a date with `time` beside it)
  time,         // Time (Windows Server 2003)
  event_id,     // Event ID, Ereignis-ID, ID de l'événement, Id. del evento, イベント ID
  level,        // Level, Ebene, Niveau, Nivel, レベル; Event Type (2003, WMI)
  computer,     // Computer, Ordinateur, Equipo, コンピューター
  description,  // Description, Beschreibung, Descripción, 説明; Message (WMI)
  event_xml,    // Event Xml, Ereignis-XML: the event's XML follows
  other,        // Task Category, Keywords, User, Opcode, Record Number, …: read, not kept
};

// A `Label: value` line of such a copy, the label starting the line. French puts a space (or a
// no-break space) before the colon, Japanese copies may use the full-width colon.
struct EventLabelLine {
  EventField field = EventField::other;
  std::string_view label;
  std::string_view value;
};

// Reads a line that starts with a known label; false for any other line.
bool parse_event_label_line(std::string_view line, EventLabelLine& out);

// The level a level word of those copies names, in any of the five languages; unknown for other
// words.
Level level_of_localized_word(std::string_view word);

}  // namespace certdiag
