-- tools/book.lua: the Lua that LuaLaTeX runs while it typesets the book
-- (loaded by the preamble of tower.nw, from the top of the tree).

-- \pyedition{ID}: the line "Pins rules R1.1 (p. 12), ..." under a scenario's
-- heading, from the rules = [...] of its TOML file, each rule a link.
function tower_pins(id)
  local tier = id:match("^t(%d+)-")
  local path = "conformance/t" .. tier .. "/" .. id .. ".toml"
  local f = io.open(path, "rb")
  if not f then
    tex.error("missing scenario " .. path)
    return
  end
  local toml = f:read("a")
  f:close()
  local list = toml:match("rules%s*=%s*(%b[])")
  local rules = {}
  for rule in (list or ""):gmatch('"(R[%d.]+)"') do
    rules[#rules + 1] = "\\pinsrule{" .. rule .. "}"
  end
  if #rules > 0 then
    tex.print("\\par\\noindent{\\small\\sffamily Pins rule"
      .. (#rules > 1 and "s " or " ") .. table.concat(rules, ", ") .. ".}")
  end
end

-- Part II sets a listing (a Python edition, a transcript) in two columns
-- when it is long enough to gain from it and narrow enough to fit: at least
-- MIN_LINES lines, none over MAX_LINE characters (a longer line wraps at a
-- space) and no run without a space over MAX_WORD (which could not wrap).
-- Sets \iftwcolumns for the macro that typesets the listing.
function tower_columns(path, min_lines, max_line, max_word)
  local fits, lines = true, 0
  local f = io.open(path, "rb")
  if f then
    for line in f:lines() do
      lines = lines + 1
      if (utf8.len(line) or #line) > max_line then fits = false end
      for word in line:gmatch("%S+") do
        if (utf8.len(word) or #word) > max_word then fits = false end
      end
    end
    f:close()
  end
  tex.print("\\global\\twcolumns" .. ((fits and lines >= min_lines) and "true" or "false"))
end

-- How many characters of part II's code font (its width is \tw@charwd, set
-- where part II starts) fit in a column of two, less INSET (sp) for a frame
-- or the code's margin.
function tower_column_chars(inset)
  local column = (tex.dimen.textwidth - tex.dimen.columnsep) / 2
  return math.floor((column - inset) / tex.dimen["tw@charwd"])
end

-- A code chunk of part II goes two-up (tower.nw's \nwcodeshape) when it
-- has at least MIN_LINES lines, the shortest seven lines in eight fit a
-- column (MOST, from tools/chunk-shape; the others wrap) and no word is
-- longer than a column less the continuation's hanging indent (noweb sets
-- the first line's hang in the text font: 2 em of 10 pt, the widest).
-- Sets \iftwcodecolumns.
function tower_twoup(lines, most, word, min_lines)
  local chars = tower_column_chars(tex.dimen.codemargin)
  local hang = math.ceil(tex.sp("20pt") / tex.dimen["tw@charwd"])
  local fits = lines >= min_lines and most <= chars and word <= chars - hang
  tex.print("\\global\\twcodecolumns" .. (fits and "true" or "false"))
end

-- Emoji are drawn as images (Noto Color Emoji, luaotfload's fallback font),
-- so a reader who copies a transcript out of the PDF would lose them. Each
-- emoji glyph goes into a marked-content span whose ActualText is the
-- character, with an invisible glyph of a text font inside it: PDF readers
-- take the actual text of a span only where it draws text.
local GLYPH = node.id("glyph")
local PDF_LITERAL = node.subtype("pdf_literal")
local LITERAL_PAGE, LITERAL_DIRECT = 1, 2

local emoji_font = {}
local function is_emoji_font(fid)
  local known = emoji_font[fid]
  if known == nil then
    local f = font.getfont(fid)
    known = f ~= nil and (f.name or ""):find("NotoColorEmoji", 1, true) ~= nil
    emoji_font[fid] = known
  end
  return known
end

local function utf16be_hex(s)
  local out = { "FEFF" }
  for _, c in utf8.codes(s) do
    if c >= 0x10000 then
      c = c - 0x10000
      out[#out + 1] = string.format("%04X%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))
    else
      out[#out + 1] = string.format("%04X", c)
    end
  end
  return table.concat(out)
end

local function literal(data, mode)
  local n = node.new("whatsit", PDF_LITERAL)
  n.mode = mode
  n.data = data
  return n
end

local last_text_font = nil
local function span_emoji(head)
  local n = head
  while n do
    local nxt = n.next
    if n.id == GLYPH then
      if not is_emoji_font(n.font) then
        last_text_font = n.font
      else
        local props = node.getproperty(n)
        local text = props and props.glyph_info or utf8.char(n.char)
        -- the stand-in is drawn where the emoji starts, then the emoji over it
        local stand_in = node.new(GLYPH)
        stand_in.font = last_text_font or font.current()
        stand_in.char = 0x2D
        local back = node.new("kern")
        back.kern = -stand_in.width
        for _, x in ipairs({ literal("/Span<</ActualText<" .. utf16be_hex(text) .. ">>>BDC", LITERAL_PAGE),
                             literal("3 Tr", LITERAL_DIRECT), stand_in, back,
                             literal("0 Tr", LITERAL_DIRECT) }) do
          head = node.insert_before(head, n, x)
        end
        head = node.insert_after(head, n, literal("EMC", LITERAL_PAGE))
      end
    elseif n.head then
      n.head = span_emoji(n.head)
    end
    n = nxt
  end
  return head
end

luatexbase.add_to_callback("pre_shipout_filter", function(page)
  page.head = span_emoji(page.head)
  return true
end, "tower.emoji_actualtext")
