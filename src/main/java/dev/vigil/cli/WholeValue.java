package dev.vigil.cli;

import com.beust.jcommander.converters.IParameterSplitter;
import java.util.List;

/**
 * Keeps a repeatable option's value whole: JCommander splits list options on commas by default,
 * which cut {@code --set columns.features=[Age,Fare,Sex]} into three overrides.
 */
public final class WholeValue implements IParameterSplitter {
    @Override
    public List<String> split(String value) {
        return List.of(value);
    }
}
