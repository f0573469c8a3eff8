using System.Globalization;
using System.Text;

namespace DecentCloud.Icp.Candid.Text;

/// <summary>The kinds of tokens of Candid's textual grammar.</summary>
internal enum TokenKind
{
    End,
    Identifier,
    Number,
    Text,
    Symbol,
}

/// <summary>One token: identifiers and symbols carry their text; text literals carry their bytes (escapes resolved).</summary>
internal readonly record struct Token(TokenKind Kind, string Value, byte[]? Bytes, int Offset);

/// <summary>Splits Candid text (service descriptions, values, test files) into tokens; comments are skipped.</summary>
internal sealed class CandidLexer
{
    private readonly string _source;
    private int _position;

    public CandidLexer(string source) => _source = source;

    public static List<Token> Tokenize(string source)
    {
        var lexer = new CandidLexer(source);
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = lexer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.End);
        return tokens;
    }

    private Token Next()
    {
        SkipSpaceAndComments();
        if (_position >= _source.Length)
        {
            return new Token(TokenKind.End, string.Empty, null, _position);
        }

        var start = _position;
        var c = _source[_position];
        if (c == '"')
        {
            return new Token(TokenKind.Text, string.Empty, ReadText(), start);
        }

        if (char.IsAsciiLetter(c) || c == '_')
        {
            while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_'))
            {
                _position++;
            }

            return new Token(TokenKind.Identifier, _source[start.._position], null, start);
        }

        if (char.IsAsciiDigit(c) || ((c is '+' or '-') && _position + 1 < _source.Length && char.IsAsciiDigit(_source[_position + 1])))
        {
            _position++;
            while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] is '_' or '.'
                || ((_source[_position] is '+' or '-') && _source[_position - 1] is 'e' or 'E' && !_source[start.._position].Contains("0x", StringComparison.OrdinalIgnoreCase))))
            {
                _position++;
            }

            return new Token(TokenKind.Number, _source[start.._position], null, start);
        }

        if (c == '-' && _position + 1 < _source.Length && _source[_position + 1] == '>')
        {
            _position += 2;
            return new Token(TokenKind.Symbol, "->", null, start);
        }

        if ((c is '!' or '=') && _position + 1 < _source.Length && _source[_position + 1] is ':' or '=')
        {
            _position += 2;
            return new Token(TokenKind.Symbol, _source[start.._position], null, start);
        }

        _position++;
        return new Token(TokenKind.Symbol, c.ToString(), null, start);
    }

    private void SkipSpaceAndComments()
    {
        while (_position < _source.Length)
        {
            if (char.IsWhiteSpace(_source[_position]))
            {
                _position++;
            }
            else if (Starts("//"))
            {
                while (_position < _source.Length && _source[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (Starts("/*"))
            {
                var depth = 0;
                do
                {
                    if (Starts("/*"))
                    {
                        depth++;
                        _position += 2;
                    }
                    else if (Starts("*/"))
                    {
                        depth--;
                        _position += 2;
                    }
                    else if (_position < _source.Length)
                    {
                        _position++;
                    }
                    else
                    {
                        throw new FormatException("unclosed comment");
                    }
                }
                while (depth > 0);
            }
            else
            {
                return;
            }
        }
    }

    private bool Starts(string text) => string.CompareOrdinal(_source, _position, text, 0, text.Length) == 0;

    // A text literal as bytes: "\xx" is a raw byte (so blobs can hold anything), the rest is UTF-8.
    private byte[] ReadText()
    {
        var bytes = new List<byte>();
        _position++;
        while (true)
        {
            if (_position >= _source.Length)
            {
                throw new FormatException("unclosed text literal");
            }

            var c = _source[_position++];
            if (c == '"')
            {
                return [.. bytes];
            }

            if (c != '\\')
            {
                var length = char.IsHighSurrogate(c) && _position < _source.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(_source.Substring(_position - 1, length)));
                _position += length - 1;
                continue;
            }

            if (_position >= _source.Length)
            {
                throw new FormatException("unclosed escape");
            }

            var e = _source[_position++];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case 'u':
                    bytes.AddRange(Encoding.UTF8.GetBytes(ReadUnicodeEscape()));
                    break;
                default:
                    if (_position < _source.Length && Uri.IsHexDigit(e) && Uri.IsHexDigit(_source[_position]))
                    {
                        bytes.Add(byte.Parse(_source.AsSpan(_position - 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        _position++;
                        break;
                    }

                    throw new FormatException($"unknown escape \\{e}");
            }
        }
    }

    private string ReadUnicodeEscape()
    {
        if (_position >= _source.Length || _source[_position] != '{')
        {
            throw new FormatException("\\u must be followed by {hex}");
        }

        var close = _source.IndexOf('}', _position);
        if (close < 0)
        {
            throw new FormatException("unclosed \\u{ escape");
        }

        var hex = _source[(_position + 1)..close].Replace("_", string.Empty, StringComparison.Ordinal);
        _position = close + 1;
        if (hex.Length is 0 or > 6 || !hex.All(Uri.IsHexDigit))
        {
            throw new FormatException("bad \\u{ escape");
        }

        var code = int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            throw new FormatException("\\u{ escape is not a Unicode scalar value");
        }

        return char.ConvertFromUtf32(code);
    }
}
