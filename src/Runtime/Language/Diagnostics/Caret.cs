using System.Text;

namespace SlowSeries.Language.Diagnostics;

/// <summary>Renders the part of an expression around a position with a caret line under it.</summary>
internal static class Caret
{
    private const int Window = 60;

    public static (int Line, int Column) LineAndColumn(string text, int position)
    {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, position - lineStart + 1);
    }

    public static string Excerpt(string text, int position, int length)
    {
        int lineStart = position > 0 && position <= text.Length ? text.LastIndexOf('\n', position - 1) + 1 : 0;
        int lineEnd = text.IndexOf('\n', Math.Min(position, text.Length));
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        int from = Math.Max(lineStart, position - Window);
        int to = Math.Min(lineEnd, Math.Max(position + length, position) + Window);
        var excerpt = new StringBuilder();
        var marks = new StringBuilder("  ");
        excerpt.Append("  ");
        if (from > lineStart)
        {
            excerpt.Append("...");
            marks.Append("   ");
        }

        for (int i = from; i < to; i++)
        {
            char c = text[i];
            excerpt.Append(char.IsControl(c) ? '?' : c);
            marks.Append(i >= position && i < position + length ? '^' : ' ');
        }

        if (position >= to)
        {
            marks.Append('^');
        }

        if (to < lineEnd)
        {
            excerpt.Append("...");
        }

        return excerpt.ToString() + "\n" + marks.ToString().TrimEnd();
    }
}
